package io.twinledger.finance.model.formula;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed formula: the closed set of expression forms of the model formula language.
 *
 * <p>Every node remembers the span {@code [start, end)} of the formula text it was parsed from (0
 * based character offsets), so that validation can point at the exact place of a problem. Two nodes
 * with the same {@link #render(Expr) rendering} compute the same thing, whatever their spans.
 */
public sealed interface Expr {

  /** Offset of the node's first character in the formula text. */
  int start();

  /** Offset just past the node's last character in the formula text. */
  int end();

  /** The node's direct sub-expressions, left to right. */
  default List<Expr> children() {
    return switch (this) {
      case Negate n -> List.of(n.operand());
      case Arithmetic a -> List.of(a.left(), a.right());
      case Comparison c -> List.of(c.left(), c.right());
      case Logical l -> l.operands();
      case If i -> List.of(i.condition(), i.then(), i.otherwise());
      case Call c -> c.arguments();
      case Literal l -> List.of();
      case Kpi k -> List.of();
      case Param p -> List.of();
      case LineRef l -> List.of();
      case PeriodValue p -> List.of();
    };
  }

  /** A decimal number written in the formula, such as {@code 2.35}; always non-negative. */
  record Literal(BigDecimal value, int start, int end) implements Expr {}

  /**
   * {@code kpi("id")}: the KPI's value in the evaluated period, or with {@code lag > 0} in the
   * period that many months earlier. Wrapped in {@code latest(...)}, a month without an observation
   * falls back to the most recent earlier one, at most {@value #LATEST_LOOKBACK} months before: a
   * survey taken every few months still counts in the months between.
   */
  record Kpi(String id, int lag, boolean latest, int start, int end) implements Expr {

    /** How many months before its month {@code latest(kpi(...))} looks for an observation. */
    public static final int LATEST_LOOKBACK = 12;

    /** The earliest month, relative to the evaluated one, whose observation this may read. */
    public int lookback() {
      return lag + (latest ? LATEST_LOOKBACK : 0);
    }
  }

  /** {@code param("name")}: a parameter of the model definition. */
  record Param(String name, int start, int end) implements Expr {}

  /** {@code line("id")}: another line's value in the same period. */
  record LineRef(String id, int start, int end) implements Expr {}

  /** Unary minus. */
  record Negate(Expr operand, int start, int end) implements Expr {}

  /** {@code + - * /}. */
  record Arithmetic(ArithmeticOperator operator, Expr left, Expr right, int start, int end)
      implements Expr {}

  /** {@code == != < <= > >=}: a condition, usable only where a condition is expected. */
  record Comparison(ComparisonOperator operator, Expr left, Expr right, int start, int end)
      implements Expr {}

  /** {@code and(c, ...)}, {@code or(c, ...)}, {@code not(c)} over conditions. */
  record Logical(LogicalOperator operator, List<Expr> operands, int start, int end)
      implements Expr {
    public Logical {
      operands = List.copyOf(operands);
    }
  }

  /** {@code if(condition, then, otherwise)}: only the chosen branch is evaluated. */
  record If(Expr condition, Expr then, Expr otherwise, int start, int end) implements Expr {}

  /** {@code min}, {@code max}, {@code abs} and {@code coalesce} over numbers. */
  record Call(Function function, List<Expr> arguments, int start, int end) implements Expr {
    public Call {
      arguments = List.copyOf(arguments);
    }
  }

  /** {@code daysInPeriod()} and {@code daysInYear()}, in days. */
  record PeriodValue(PeriodFunction function, int start, int end) implements Expr {}

  /** The binary arithmetic operators. */
  enum ArithmeticOperator {
    PLUS("+"),
    MINUS("-"),
    TIMES("*"),
    DIVIDE("/");

    private final String symbol;

    ArithmeticOperator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** The comparison operators. */
  enum ComparisonOperator {
    EQUAL("=="),
    NOT_EQUAL("!="),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** The logical functions. */
  enum LogicalOperator {
    AND("and"),
    OR("or"),
    NOT("not");

    private final String functionName;

    LogicalOperator(String functionName) {
      this.functionName = functionName;
    }

    public String functionName() {
      return functionName;
    }
  }

  /**
   * The numeric functions. {@code coalesce(a, b, ...)} is the first argument that has a value: the
   * only way to turn a missing KPI value into a number.
   */
  enum Function {
    MIN("min"),
    MAX("max"),
    ABS("abs"),
    COALESCE("coalesce");

    private final String functionName;

    Function(String functionName) {
      this.functionName = functionName;
    }

    public String functionName() {
      return functionName;
    }
  }

  /** The calendar functions of the evaluated period. */
  enum PeriodFunction {
    DAYS_IN_PERIOD("daysInPeriod"),
    DAYS_IN_YEAR("daysInYear");

    private final String functionName;

    PeriodFunction(String functionName) {
      this.functionName = functionName;
    }

    public String functionName() {
      return functionName;
    }
  }

  /**
   * Writes an expression back as formula text, fully parenthesised where operators nest, so that
   * parsing the result gives an expression with the same rendering.
   */
  static String render(Expr expr) {
    return switch (expr) {
      case Literal l -> l.value().toPlainString();
      case Kpi k -> {
        String read =
            k.lag() == 0 ? kpi(k.id()) : kpi(k.id()).replace(")", ", lag=" + k.lag() + ")");
        yield k.latest() ? "latest(" + read + ")" : read;
      }
      case Param p -> "param(\"" + p.name() + "\")";
      case LineRef l -> "line(\"" + l.id() + "\")";
      case Negate n -> "-" + nested(n.operand());
      case Arithmetic a -> nested(a.left()) + " " + a.operator().symbol() + " " + nested(a.right());
      case Comparison c -> nested(c.left()) + " " + c.operator().symbol() + " " + nested(c.right());
      case Logical l -> l.operator().functionName() + arguments(l.operands());
      case If i -> "if" + arguments(List.of(i.condition(), i.then(), i.otherwise()));
      case Call c -> c.function().functionName() + arguments(c.arguments());
      case PeriodValue p -> p.function().functionName() + "()";
    };
  }

  private static String kpi(String id) {
    return "kpi(\"" + id + "\")";
  }

  private static String nested(Expr expr) {
    return expr instanceof Arithmetic || expr instanceof Comparison || expr instanceof Negate
        ? "(" + render(expr) + ")"
        : render(expr);
  }

  private static String arguments(List<Expr> arguments) {
    return arguments.stream().map(Expr::render).collect(Collectors.joining(", ", "(", ")"));
  }
}
