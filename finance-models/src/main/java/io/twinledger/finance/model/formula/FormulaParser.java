package io.twinledger.finance.model.formula;

import io.twinledger.finance.model.formula.Expr.Arithmetic;
import io.twinledger.finance.model.formula.Expr.ArithmeticOperator;
import io.twinledger.finance.model.formula.Expr.Call;
import io.twinledger.finance.model.formula.Expr.Comparison;
import io.twinledger.finance.model.formula.Expr.ComparisonOperator;
import io.twinledger.finance.model.formula.Expr.Function;
import io.twinledger.finance.model.formula.Expr.If;
import io.twinledger.finance.model.formula.Expr.Kpi;
import io.twinledger.finance.model.formula.Expr.LineRef;
import io.twinledger.finance.model.formula.Expr.Literal;
import io.twinledger.finance.model.formula.Expr.Logical;
import io.twinledger.finance.model.formula.Expr.LogicalOperator;
import io.twinledger.finance.model.formula.Expr.Negate;
import io.twinledger.finance.model.formula.Expr.Param;
import io.twinledger.finance.model.formula.Expr.PeriodFunction;
import io.twinledger.finance.model.formula.Expr.PeriodValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses formula text into an {@link Expr} by recursive descent.
 *
 * <p>Grammar, lowest precedence first:
 *
 * <pre>
 * formula    = comparison EOF
 * comparison = additive [ ("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") additive ]
 * additive   = term { ("+" | "-") term }
 * term       = unary { ("*" | "/") unary }
 * unary      = "-" unary | primary
 * primary    = number | "(" comparison ")" | name "(" [ argument { "," argument } ] ")"
 * </pre>
 *
 * Functions: {@code kpi("id")}, {@code kpi("id", lag=1)}, {@code lag(kpi("id"), 1)}, {@code
 * latest(kpi("id", lag=1))} (that month's value, else the most recent earlier one), {@code
 * param("name")}, {@code line("id")}, {@code if(c, a, b)}, {@code min}, {@code max}, {@code abs},
 * {@code coalesce}, {@code and}, {@code or}, {@code not}, {@code daysInPeriod()}, {@code
 * daysInYear()}. Names are given as string literals in double or single quotes (single quotes read
 * better inside YAML). Whitespace is insignificant. Comparisons do not chain.
 */
public final class FormulaParser {

  private static final Map<String, Function> FUNCTIONS =
      Map.of(
          "min",
          Function.MIN,
          "max",
          Function.MAX,
          "abs",
          Function.ABS,
          "coalesce",
          Function.COALESCE);
  private static final Map<String, LogicalOperator> LOGICAL =
      Map.of("and", LogicalOperator.AND, "or", LogicalOperator.OR, "not", LogicalOperator.NOT);
  private static final Map<String, PeriodFunction> PERIOD =
      Map.of(
          "daysInPeriod", PeriodFunction.DAYS_IN_PERIOD,
          "daysInYear", PeriodFunction.DAYS_IN_YEAR);
  private static final List<String> COMPARISONS = List.of("==", "!=", "<=", ">=", "<", ">");

  private final String text;
  private int pos;

  private FormulaParser(String text) {
    this.text = text;
  }

  /**
   * Parses one formula.
   *
   * @throws FormulaSyntaxException naming the character where the formula stops making sense
   */
  public static Expr parse(String formula) {
    FormulaParser parser = new FormulaParser(formula);
    parser.skipSpace();
    if (parser.atEnd()) {
      throw new FormulaSyntaxException(0, "the formula is empty");
    }
    Expr expr = parser.comparison();
    parser.skipSpace();
    if (!parser.atEnd()) {
      throw parser.error(
          "unexpected '" + parser.text.charAt(parser.pos) + "' after a complete expression");
    }
    return expr;
  }

  private Expr comparison() {
    Expr left = additive();
    skipSpace();
    for (String symbol : COMPARISONS) {
      if (text.startsWith(symbol, pos)) {
        pos += symbol.length();
        Expr right = additive();
        skipSpace();
        if (COMPARISONS.stream().anyMatch(s -> text.startsWith(s, pos))) {
          throw error("comparisons do not chain; combine them with and(...)");
        }
        return new Comparison(comparisonOperator(symbol), left, right, left.start(), right.end());
      }
    }
    return left;
  }

  private static ComparisonOperator comparisonOperator(String symbol) {
    for (ComparisonOperator operator : ComparisonOperator.values()) {
      if (operator.symbol().equals(symbol)) {
        return operator;
      }
    }
    throw new IllegalStateException(symbol);
  }

  private Expr additive() {
    Expr left = term();
    while (true) {
      skipSpace();
      if (peek('+') || peek('-')) {
        ArithmeticOperator operator =
            text.charAt(pos++) == '+' ? ArithmeticOperator.PLUS : ArithmeticOperator.MINUS;
        Expr right = term();
        left = new Arithmetic(operator, left, right, left.start(), right.end());
      } else {
        return left;
      }
    }
  }

  private Expr term() {
    Expr left = unary();
    while (true) {
      skipSpace();
      if (peek('*') || peek('/')) {
        ArithmeticOperator operator =
            text.charAt(pos++) == '*' ? ArithmeticOperator.TIMES : ArithmeticOperator.DIVIDE;
        Expr right = unary();
        left = new Arithmetic(operator, left, right, left.start(), right.end());
      } else {
        return left;
      }
    }
  }

  private Expr unary() {
    skipSpace();
    if (peek('-')) {
      int start = pos++;
      Expr operand = unary();
      return new Negate(operand, start, operand.end());
    }
    return primary();
  }

  private Expr primary() {
    skipSpace();
    if (atEnd()) {
      throw error("expected a number, '(' or a function but the formula ends");
    }
    char c = text.charAt(pos);
    if (Character.isDigit(c) || c == '.') {
      return number();
    }
    if (c == '(') {
      pos++;
      Expr inner = comparison();
      expect(')');
      return inner;
    }
    if (Character.isLetter(c)) {
      return function();
    }
    throw error("expected a number, '(' or a function but found '" + c + "'");
  }

  private Expr number() {
    int start = pos;
    while (!atEnd() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    String digits = text.substring(start, pos);
    if (!digits.matches("\\d+(\\.\\d+)?")) {
      throw new FormulaSyntaxException(start, "'" + digits + "' is not a number");
    }
    return new Literal(new BigDecimal(digits), start, pos);
  }

  private Expr function() {
    int start = pos;
    while (!atEnd() && Character.isLetterOrDigit(text.charAt(pos))) {
      pos++;
    }
    String name = text.substring(start, pos);
    skipSpace();
    if (!peek('(')) {
      throw new FormulaSyntaxException(
          start, "'" + name + "' must be called as a function, e.g. " + name + "(...)");
    }
    pos++;
    return switch (name) {
      case "kpi" -> kpi(start);
      case "lag" -> lag(start);
      case "latest" -> latest(start);
      case "param" -> new Param(nameArgument("param"), start, close());
      case "line" -> new LineRef(nameArgument("line"), start, close());
      case "if" -> {
        List<Expr> args = arguments(start, name);
        if (args.size() != 3) {
          throw new FormulaSyntaxException(
              start, "if takes 3 arguments (condition, then, otherwise), got " + args.size());
        }
        yield new If(args.get(0), args.get(1), args.get(2), start, pos);
      }
      default -> namedFunction(name, start);
    };
  }

  private Expr namedFunction(String name, int start) {
    if (FUNCTIONS.containsKey(name)) {
      Function function = FUNCTIONS.get(name);
      List<Expr> args = arguments(start, name);
      boolean unary = function == Function.ABS;
      if (unary ? args.size() != 1 : args.size() < 2) {
        throw new FormulaSyntaxException(
            start,
            name
                + (unary ? " takes 1 argument" : " takes at least 2 arguments")
                + ", got "
                + args.size());
      }
      return new Call(function, args, start, pos);
    }
    if (LOGICAL.containsKey(name)) {
      LogicalOperator operator = LOGICAL.get(name);
      List<Expr> args = arguments(start, name);
      boolean unary = operator == LogicalOperator.NOT;
      if (unary ? args.size() != 1 : args.size() < 2) {
        throw new FormulaSyntaxException(
            start,
            name
                + (unary ? " takes 1 argument" : " takes at least 2 arguments")
                + ", got "
                + args.size());
      }
      return new Logical(operator, args, start, pos);
    }
    if (PERIOD.containsKey(name)) {
      skipSpace();
      return new PeriodValue(PERIOD.get(name), start, close());
    }
    throw new FormulaSyntaxException(
        start,
        "unknown function '"
            + name
            + "'; known: kpi, lag, latest, param, line, if, min, max, abs, coalesce, and, or,"
            + " not,"
            + " daysInPeriod, daysInYear");
  }

  private Kpi kpi(int start) {
    String id = nameArgument("kpi");
    skipSpace();
    int lag = 0;
    if (peek(',')) {
      pos++;
      skipSpace();
      if (!text.startsWith("lag", pos)) {
        throw error("kpi's second argument must be lag=<months>");
      }
      pos += 3;
      skipSpace();
      expect('=');
      lag = months();
    }
    return new Kpi(id, lag, false, start, close());
  }

  private Kpi lag(int start) {
    Expr inner = comparison();
    if (!(inner instanceof Kpi kpi) || kpi.lag() != 0) {
      throw new FormulaSyntaxException(
          inner.start(), "lag's first argument must be kpi(\"id\") without a lag of its own");
    }
    skipSpace();
    expect(',');
    int months = months();
    return new Kpi(kpi.id(), months, kpi.latest(), start, close());
  }

  /** {@code latest(kpi("id"[, lag=n]))}: that month's value, else the most recent before it. */
  private Kpi latest(int start) {
    Expr inner = comparison();
    if (!(inner instanceof Kpi kpi) || kpi.latest()) {
      throw new FormulaSyntaxException(
          inner.start(), "latest's argument must be kpi(\"id\"), with or without a lag");
    }
    return new Kpi(kpi.id(), kpi.lag(), true, start, close());
  }

  private int months() {
    skipSpace();
    int start = pos;
    while (!atEnd() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a whole number of months");
    }
    int months = Integer.parseInt(text.substring(start, pos));
    if (months < 1 || months > 12) {
      throw new FormulaSyntaxException(start, "a lag must be 1 to 12 months, got " + months);
    }
    return months;
  }

  private String nameArgument(String function) {
    skipSpace();
    if (!peek('"') && !peek('\'')) {
      throw error(function + " takes a quoted name, e.g. " + function + "(\"name\")");
    }
    char quote = text.charAt(pos);
    int start = ++pos;
    while (!atEnd() && text.charAt(pos) != quote) {
      pos++;
    }
    if (atEnd()) {
      throw new FormulaSyntaxException(start - 1, "the quoted name is not closed");
    }
    String name = text.substring(start, pos++);
    if (name.isBlank()) {
      throw new FormulaSyntaxException(start - 1, function + " needs a non-empty name");
    }
    return name;
  }

  private List<Expr> arguments(int start, String name) {
    List<Expr> args = new ArrayList<>();
    skipSpace();
    if (peek(')')) {
      pos++;
      return args;
    }
    while (true) {
      args.add(comparison());
      skipSpace();
      if (peek(',')) {
        pos++;
      } else if (peek(')')) {
        pos++;
        return args;
      } else if (atEnd()) {
        throw new FormulaSyntaxException(start, name + "( is not closed with ')'");
      } else {
        throw error("expected ',' or ')' but found '" + text.charAt(pos) + "'");
      }
    }
  }

  private int close() {
    skipSpace();
    expect(')');
    return pos;
  }

  private void expect(char c) {
    skipSpace();
    if (atEnd()) {
      throw error("expected '" + c + "' but the formula ends");
    }
    if (text.charAt(pos) != c) {
      throw error("expected '" + c + "' but found '" + text.charAt(pos) + "'");
    }
    pos++;
  }

  private boolean peek(char c) {
    return !atEnd() && text.charAt(pos) == c;
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private void skipSpace() {
    while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private FormulaSyntaxException error(String reason) {
    return new FormulaSyntaxException(pos, reason);
  }
}
