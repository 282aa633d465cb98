package io.twinledger.finance.model;

import io.twinledger.finance.model.formula.Expr;
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
import io.twinledger.finance.model.formula.Expr.PeriodValue;
import io.twinledger.finance.model.formula.FormulaParser;
import io.twinledger.finance.model.formula.FormulaSyntaxException;
import io.twinledger.finance.model.unit.Unit;
import io.twinledger.finance.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a model definition before anything runs, reporting every problem as a {@link ModelError}.
 *
 * <p>Checks: currency and version; parameter and line units; duplicate line ids; formula syntax;
 * references to KPIs (must be in the catalog), parameters and lines; conditions used as numbers and
 * numbers used as conditions; cyclic line references (the cycle is named, {@code a → b → a}); units
 * and division by zero, as follows.
 *
 * <p><b>Units.</b> {@code +}, {@code -}, comparisons, {@code min}, {@code max}, {@code coalesce}
 * and the two branches of {@code if} need operands of the same dimension; {@code *} and {@code /}
 * combine units. A booked line must come out in the model currency, a memo line in the dimension of
 * its unit. A number written in a formula is dimensionless, except {@code 0}, which fits any unit
 * (so {@code max(0, x)} floors an amount). A plain number may not be added to or compared with a
 * scaled dimensionless quantity such as percent: {@code kpi("nrw-percent") > 20} is rejected,
 * because in a formula 20 % is the fraction 0.2; put thresholds in parameters with their unit.
 *
 * <p><b>Division by zero.</b> A divisor must be provably non-zero: a non-zero number, a parameter
 * whose value is not zero, {@code daysInPeriod()}, {@code daysInYear()}, {@code max(..)} with a
 * positive number or parameter among its arguments, {@code min(..)} of positive arguments, and
 * products, quotients, negations and {@code abs} of such. Any other divisor (a KPI, a line, a
 * difference) must be guarded by an enclosing {@code if}: {@code if(d == 0, a, b / d)}, {@code if(d
 * != 0, b / d, a)}, {@code if(d > 0, ...)}, {@code if(d < 0, ...)}, {@code if(d <= 0, a, b / d)}
 * and {@code if(d >= 0, a, b / d)}, also inside {@code and} (then branch), {@code or} (else branch)
 * and {@code not}. The guard must compare exactly the divisor's expression with 0.
 */
public final class ModelValidator {

  private final ModelDefinition definition;
  private final KpiCatalog catalog;
  private final List<ModelError> errors = new ArrayList<>();
  private final Map<String, Unit> parameterUnits = new LinkedHashMap<>();
  private final Map<String, Optional<Unit>> lineUnits = new HashMap<>();
  private Optional<Currency> currency = Optional.empty();

  private ModelValidator(ModelDefinition definition, KpiCatalog catalog) {
    this.definition = definition;
    this.catalog = catalog;
  }

  /** Every problem of the definition against the catalog; empty if the model is usable. */
  public static List<ModelError> validate(ModelDefinition definition, KpiCatalog catalog) {
    ModelValidator validator = new ModelValidator(definition, catalog);
    validator.run();
    return List.copyOf(validator.errors);
  }

  /**
   * The validated model, ready to evaluate.
   *
   * @throws InvalidModelException with every problem, if there is any
   */
  public static ValidatedModel validated(ModelDefinition definition, KpiCatalog catalog) {
    ModelValidator validator = new ModelValidator(definition, catalog);
    List<ValidatedLine> lines = validator.run();
    if (!validator.errors.isEmpty()) {
      throw new InvalidModelException(validator.errors);
    }
    return new ValidatedModel(
        definition, catalog, validator.currency.orElseThrow(), validator.parameterUnits, lines);
  }

  /** Runs every check and returns the lines in evaluation order (complete only without errors). */
  private List<ValidatedLine> run() {
    if (definition.version() < 1) {
      error("version", "must be at least 1, was " + definition.version());
    }
    try {
      currency = Optional.of(Money.currency(definition.currency()));
    } catch (IllegalArgumentException e) {
      error("currency", "'" + definition.currency() + "' is not an ISO 4217 currency code");
    }
    definition
        .parameters()
        .forEach(
            (name, parameter) -> {
              try {
                parameterUnits.put(name, Unit.parse(parameter.unit()));
              } catch (IllegalArgumentException e) {
                error("parameters." + name + ".unit", e.getMessage());
              }
            });
    List<LineDefinition> lines = definition.lines();
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      LineDefinition line = lines.get(i);
      Integer first = firstIndex.putIfAbsent(line.id(), i);
      if (first != null) {
        error(path(i) + ".id", "duplicates the id of lines[" + first + "]");
      } else {
        lineUnits.put(line.id(), declaredUnit(line, i));
      }
    }
    Map<Integer, Expr> formulas = new LinkedHashMap<>();
    Map<String, Set<String>> references = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      LineDefinition line = lines.get(i);
      try {
        Expr formula = FormulaParser.parse(line.formula());
        formulas.put(i, formula);
        Set<String> refs = new LinkedHashSet<>();
        new FormulaCheck(i, line, refs).line(formula);
        if (firstIndex.get(line.id()) == i) {
          references.put(line.id(), refs);
        }
      } catch (FormulaSyntaxException e) {
        error(path(i) + ".formula", e.getMessage());
      }
    }
    List<String> order = evaluationOrder(references, firstIndex);
    List<ValidatedLine> validated = new ArrayList<>();
    for (String id : order) {
      int index = firstIndex.get(id);
      Optional<Unit> unit = lineUnits.get(id);
      if (formulas.containsKey(index) && unit.isPresent()) {
        validated.add(new ValidatedLine(lines.get(index), index, formulas.get(index), unit.get()));
      }
    }
    return validated;
  }

  private Optional<Unit> declaredUnit(LineDefinition line, int index) {
    if (line.kind() == LineKind.MEMO) {
      if (line.unit().isEmpty()) {
        error(path(index) + ".unit", "is required for a MEMO line");
        return Optional.empty();
      }
      return parseUnit(line.unit().get(), path(index) + ".unit");
    }
    Optional<Unit> money = currency.map(Unit::currency);
    if (line.unit().isPresent() && money.isPresent()) {
      Optional<Unit> written = parseUnit(line.unit().get(), path(index) + ".unit");
      if (written.isPresent() && !written.equals(money)) {
        error(
            path(index) + ".unit",
            "a "
                + line.kind()
                + " line is in the model currency "
                + definition.currency()
                + "; leave the unit out or write "
                + definition.currency()
                + ", was "
                + line.unit().get());
      }
    }
    return money;
  }

  private Optional<Unit> parseUnit(String text, String path) {
    try {
      return Optional.of(Unit.parse(text));
    } catch (IllegalArgumentException e) {
      error(path, e.getMessage());
      return Optional.empty();
    }
  }

  /** Lines in an order where every line follows the lines it refers to; reports each cycle once. */
  private List<String> evaluationOrder(
      Map<String, Set<String>> references, Map<String, Integer> firstIndex) {
    List<String> order = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Set<String> reportedInCycle = new HashSet<>();
    for (String id : references.keySet()) {
      visit(id, references, new ArrayList<>(), done, order, reportedInCycle, firstIndex);
    }
    return order;
  }

  private void visit(
      String id,
      Map<String, Set<String>> references,
      List<String> stack,
      Set<String> done,
      List<String> order,
      Set<String> reportedInCycle,
      Map<String, Integer> firstIndex) {
    if (done.contains(id) || !references.containsKey(id)) {
      return;
    }
    int onStack = stack.indexOf(id);
    if (onStack >= 0) {
      List<String> cycle = new ArrayList<>(stack.subList(onStack, stack.size()));
      if (cycle.stream().noneMatch(reportedInCycle::contains)) {
        reportedInCycle.addAll(cycle);
        String first = cycle.stream().min((a, b) -> firstIndex.get(a) - firstIndex.get(b)).get();
        int rotate = cycle.indexOf(first);
        List<String> named = new ArrayList<>(cycle.subList(rotate, cycle.size()));
        named.addAll(cycle.subList(0, rotate));
        named.add(first);
        error(
            path(firstIndex.get(first)) + ".formula",
            "cyclic line references: " + String.join(" → ", named));
      }
      return;
    }
    stack.add(id);
    for (String next : references.get(id)) {
      visit(next, references, stack, done, order, reportedInCycle, firstIndex);
    }
    stack.remove(stack.size() - 1);
    done.add(id);
    order.add(id);
  }

  private String path(int index) {
    return "lines[" + index + "] (" + definition.lines().get(index).id() + ")";
  }

  private void error(String path, String message) {
    errors.add(new ModelError(path, message));
  }

  /**
   * What validation knows of a sub-expression: a condition or a number; the number's unit when it
   * could be resolved (empty after an already reported problem, to avoid follow-on errors); and its
   * value when it is a number written in the formula.
   */
  private record Typed(boolean condition, Optional<Unit> unit, Optional<BigDecimal> literal) {

    static Typed number(Optional<Unit> unit) {
      return new Typed(false, unit, Optional.empty());
    }

    static final Typed CONDITION = new Typed(true, Optional.empty(), Optional.empty());

    boolean zero() {
      return literal.map(v -> v.signum() == 0).orElse(false);
    }
  }

  /** Checks one line's formula, collecting the lines it refers to. */
  private final class FormulaCheck {

    private final int index;
    private final LineDefinition line;
    private final Set<String> references;

    FormulaCheck(int index, LineDefinition line, Set<String> references) {
      this.index = index;
      this.line = line;
      this.references = references;
    }

    void line(Expr formula) {
      Typed result = check(formula, Set.of());
      if (result.condition()) {
        fail(
            formula, "the formula is a condition; a line needs a number, e.g. if(condition, a, b)");
        return;
      }
      Optional<Unit> expected = lineUnits.getOrDefault(line.id(), Optional.empty());
      if (result.unit().isEmpty() || expected.isEmpty() || result.zero()) {
        return;
      }
      if (!result.unit().get().sameDimension(expected.get())) {
        error(
            path(index) + ".formula",
            "unit mismatch: the formula gives "
                + result.unit().get()
                + " but the line is in "
                + expected.get()
                + (line.kind().booked() ? " (the model currency)" : ""));
      }
    }

    private Typed check(Expr expr, Set<String> guards) {
      return switch (expr) {
        case Literal l -> new Typed(false, Optional.of(Unit.ONE), Optional.of(l.value()));
        case Kpi k -> {
          if (!catalog.contains(k.id())) {
            fail(k, "unknown KPI '" + k.id() + "': not in the KPI catalog");
          }
          yield Typed.number(catalog.unit(k.id()));
        }
        case Param p -> {
          if (!definition.parameters().containsKey(p.name())) {
            fail(p, "unknown parameter '" + p.name() + "'");
          }
          yield Typed.number(Optional.ofNullable(parameterUnits.get(p.name())));
        }
        case LineRef l -> {
          if (!lineUnits.containsKey(l.id())) {
            fail(l, "unknown line '" + l.id() + "'");
            yield Typed.number(Optional.empty());
          }
          references.add(l.id());
          yield Typed.number(lineUnits.get(l.id()));
        }
        case PeriodValue p -> Typed.number(Optional.of(Unit.parse("DAY")));
        case Negate n -> {
          Typed operand = number(n.operand(), guards);
          yield new Typed(false, operand.unit(), operand.literal().map(BigDecimal::negate));
        }
        case Arithmetic a -> arithmetic(a, guards);
        case Comparison c -> {
          Typed left = number(c.left(), guards);
          Typed right = number(c.right(), guards);
          same(c, c.operator().symbol(), List.of(c.left(), c.right()), List.of(left, right));
          yield Typed.CONDITION;
        }
        case Logical l -> {
          for (Expr operand : l.operands()) {
            condition(operand, guards, l.operator().functionName());
          }
          yield Typed.CONDITION;
        }
        case If i -> {
          condition(i.condition(), guards, "if");
          Typed then = number(i.then(), union(guards, thenGuards(i.condition())));
          Typed otherwise = number(i.otherwise(), union(guards, elseGuards(i.condition())));
          yield same(i, "if", List.of(i.then(), i.otherwise()), List.of(then, otherwise));
        }
        case Call c -> {
          List<Typed> args = new ArrayList<>();
          for (Expr argument : c.arguments()) {
            args.add(number(argument, guards));
          }
          yield c.function() == Function.ABS
              ? Typed.number(args.get(0).unit())
              : same(c, c.function().functionName(), c.arguments(), args);
        }
      };
    }

    private Typed arithmetic(Arithmetic a, Set<String> guards) {
      Typed left = number(a.left(), guards);
      Typed right = number(a.right(), guards);
      return switch (a.operator()) {
        case PLUS, MINUS ->
            same(a, a.operator().symbol(), List.of(a.left(), a.right()), List.of(left, right));
        case TIMES -> Typed.number(combine(left, right, Unit::times));
        case DIVIDE -> {
          if (!nonZero(a.right(), guards)) {
            String divisor = text(a.right());
            fail(
                a.right(),
                "division by "
                    + divisor
                    + ", which can be zero; guard it with if("
                    + divisor
                    + " == 0, <value if zero>, ...) or divide by max("
                    + divisor
                    + ", <positive constant>)");
          }
          yield Typed.number(combine(left, right, Unit::divide));
        }
      };
    }

    private Optional<Unit> combine(
        Typed left, Typed right, java.util.function.BinaryOperator<Unit> operation) {
      return left.unit().isPresent() && right.unit().isPresent()
          ? Optional.of(operation.apply(left.unit().get(), right.unit().get()))
          : Optional.empty();
    }

    /** Operands that must share a dimension; the result has it. */
    private Typed same(Expr node, String operation, List<Expr> operands, List<Typed> types) {
      Optional<Typed> result = Optional.empty();
      Optional<Expr> resultExpr = Optional.empty();
      for (int i = 0; i < operands.size(); i++) {
        Typed type = types.get(i);
        if (type.unit().isEmpty()) {
          return Typed.number(Optional.empty());
        }
        if (type.zero()) {
          continue;
        }
        if (result.isEmpty()) {
          result = Optional.of(type);
          resultExpr = Optional.of(operands.get(i));
          continue;
        }
        Unit first = result.get().unit().get();
        Unit unit = type.unit().get();
        String a = text(resultExpr.get());
        String b = text(operands.get(i));
        if (!first.sameDimension(unit)) {
          fail(
              node,
              "unit mismatch: "
                  + a
                  + " is in "
                  + first
                  + " but "
                  + b
                  + " is in "
                  + unit
                  + "; "
                  + operation
                  + " needs equal units");
          return Typed.number(Optional.empty());
        }
        if (first.factor().compareTo(unit.factor()) != 0) {
          Optional<String> plain =
              result.get().literal().isPresent()
                  ? Optional.of(a + " is a plain number but " + b + " is in " + unit)
                  : type.literal().isPresent()
                      ? Optional.of(a + " is in " + first + " but " + b + " is a plain number")
                      : Optional.empty();
          if (plain.isPresent()) {
            fail(
                node,
                "unit mismatch: "
                    + plain.get()
                    + "; a plain number is not scaled like a percent or per mille value, write it"
                    + " as a parameter with its unit");
            return Typed.number(Optional.empty());
          }
          result =
              Optional.of(Typed.number(Optional.of(new Unit(unit.exponents(), BigDecimal.ONE))));
        }
      }
      return result.orElse(types.get(0));
    }

    private Typed number(Expr expr, Set<String> guards) {
      Typed typed = check(expr, guards);
      if (typed.condition()) {
        fail(
            expr,
            "a condition (" + text(expr) + ") cannot be used as a number; use if(condition, a, b)");
        return Typed.number(Optional.empty());
      }
      return typed;
    }

    private void condition(Expr expr, Set<String> guards, String function) {
      Typed typed = check(expr, guards);
      if (!typed.condition()) {
        fail(
            expr,
            function
                + " needs a condition (a comparison, and, or, not), but "
                + text(expr)
                + " is a number");
      }
    }

    private boolean nonZero(Expr expr, Set<String> guards) {
      if (guards.contains(Expr.render(expr))) {
        return true;
      }
      return switch (expr) {
        case Literal l -> l.value().signum() != 0;
        case Param p -> parameterValue(p).map(v -> v.signum() != 0).orElse(true);
        case PeriodValue p -> true;
        case Negate n -> nonZero(n.operand(), guards);
        case Arithmetic a ->
            switch (a.operator()) {
              case TIMES -> nonZero(a.left(), guards) && nonZero(a.right(), guards);
              case DIVIDE -> nonZero(a.left(), guards);
              case PLUS, MINUS -> positive(expr);
            };
        case Call c ->
            switch (c.function()) {
              case ABS -> nonZero(c.arguments().get(0), guards);
              case COALESCE -> c.arguments().stream().allMatch(x -> nonZero(x, guards));
              case MIN, MAX -> positive(expr);
            };
        case If i -> nonZero(i.then(), guards) && nonZero(i.otherwise(), guards);
        default -> false;
      };
    }

    private boolean positive(Expr expr) {
      return switch (expr) {
        case Literal l -> l.value().signum() > 0;
        case Param p -> parameterValue(p).map(v -> v.signum() > 0).orElse(true);
        case PeriodValue p -> true;
        case Arithmetic a ->
            a.operator() != ArithmeticOperator.MINUS && positive(a.left()) && positive(a.right());
        case Call c ->
            switch (c.function()) {
              case MAX -> c.arguments().stream().anyMatch(this::positive);
              case MIN, COALESCE -> c.arguments().stream().allMatch(this::positive);
              case ABS -> false;
            };
        case If i -> positive(i.then()) && positive(i.otherwise());
        default -> false;
      };
    }

    /** An unknown parameter is reported on its own; it does not also count as a zero divisor. */
    private Optional<BigDecimal> parameterValue(Param p) {
      return Optional.ofNullable(definition.parameters().get(p.name()))
          .map(ParameterDefinition::value);
    }

    private String text(Expr expr) {
      return line.formula().substring(expr.start(), expr.end());
    }

    private void fail(Expr at, String message) {
      error(path(index) + ".formula", "at character " + (at.start() + 1) + ": " + message);
    }
  }

  /** Expressions known to be non-zero in the branch taken when the condition holds. */
  private static Set<String> thenGuards(Expr condition) {
    return switch (condition) {
      case Comparison c ->
          zeroComparison(c)
              .filter(
                  z ->
                      z.operator() == ComparisonOperator.NOT_EQUAL
                          || z.operator() == ComparisonOperator.GREATER
                          || z.operator() == ComparisonOperator.LESS)
              .map(z -> Set.of(Expr.render(z.left())))
              .orElse(Set.of());
      case Logical l when l.operator() == LogicalOperator.AND ->
          l.operands().stream().flatMap(o -> thenGuards(o).stream()).collect(Collectors.toSet());
      case Logical l when l.operator() == LogicalOperator.NOT -> elseGuards(l.operands().get(0));
      default -> Set.of();
    };
  }

  /** Expressions known to be non-zero in the branch taken when the condition fails. */
  private static Set<String> elseGuards(Expr condition) {
    return switch (condition) {
      case Comparison c ->
          zeroComparison(c)
              .filter(
                  z ->
                      z.operator() == ComparisonOperator.EQUAL
                          || z.operator() == ComparisonOperator.LESS_OR_EQUAL
                          || z.operator() == ComparisonOperator.GREATER_OR_EQUAL)
              .map(z -> Set.of(Expr.render(z.left())))
              .orElse(Set.of());
      case Logical l when l.operator() == LogicalOperator.OR ->
          l.operands().stream().flatMap(o -> elseGuards(o).stream()).collect(Collectors.toSet());
      case Logical l when l.operator() == LogicalOperator.NOT -> thenGuards(l.operands().get(0));
      default -> Set.of();
    };
  }

  /** The comparison written as {@code d OP 0}, if one side is the number zero. */
  private static Optional<Comparison> zeroComparison(Comparison c) {
    if (isZero(c.right())) {
      return Optional.of(c);
    }
    if (isZero(c.left())) {
      ComparisonOperator flipped =
          switch (c.operator()) {
            case LESS -> ComparisonOperator.GREATER;
            case GREATER -> ComparisonOperator.LESS;
            case LESS_OR_EQUAL -> ComparisonOperator.GREATER_OR_EQUAL;
            case GREATER_OR_EQUAL -> ComparisonOperator.LESS_OR_EQUAL;
            case EQUAL, NOT_EQUAL -> c.operator();
          };
      return Optional.of(new Comparison(flipped, c.right(), c.left(), c.start(), c.end()));
    }
    return Optional.empty();
  }

  private static boolean isZero(Expr expr) {
    return expr instanceof Literal l && l.value().signum() == 0;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    return union;
  }
}
