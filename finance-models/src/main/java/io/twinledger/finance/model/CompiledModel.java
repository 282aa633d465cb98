package io.twinledger.finance.model;

import io.twinledger.finance.model.formula.Expr;
import io.twinledger.finance.model.formula.Expr.Arithmetic;
import io.twinledger.finance.model.formula.Expr.Call;
import io.twinledger.finance.model.formula.Expr.Comparison;
import io.twinledger.finance.model.formula.Expr.If;
import io.twinledger.finance.model.formula.Expr.Kpi;
import io.twinledger.finance.model.formula.Expr.LineRef;
import io.twinledger.finance.model.formula.Expr.Literal;
import io.twinledger.finance.model.formula.Expr.Logical;
import io.twinledger.finance.model.formula.Expr.Negate;
import io.twinledger.finance.model.formula.Expr.Param;
import io.twinledger.finance.model.formula.Expr.PeriodValue;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A validated model compiled for fast evaluation over {@code double} inputs: <b>for simulation
 * only</b> (Monte Carlo paths, sensitivities), never for booked amounts. Booked amounts come from
 * {@link ModelEvaluator} in exact decimals; results here carry binary floating-point error and are
 * not rounded to the currency's minor unit. A caller that reports a simulated statistic converts it
 * to a decimal at that boundary.
 *
 * <p>Inputs are arrays indexed by {@link #kpiIds()}, in the KPI catalog's units (percent as
 * percent, millimetres as millimetres). A missing KPI value is {@link Double#NaN}; it propagates
 * like a missing value in {@link ModelEvaluator} (only {@code coalesce} replaces it). Outputs are
 * indexed by {@link #lineIds()} (definition order), each in its line's unit. The model is compiled
 * once into a tree of small objects; evaluation allocates nothing, and is safe to call from several
 * threads with separate arrays. Lags of more than one month are not supported here.
 */
public final class CompiledModel {

  private final List<String> kpiIds;
  private final List<String> lineIds;
  private final int[] order;
  private final Node[] formulas;
  private final double[] lineFactors;

  private CompiledModel(
      List<String> kpiIds, List<String> lineIds, int[] order, Node[] formulas, double[] factors) {
    this.kpiIds = kpiIds;
    this.lineIds = lineIds;
    this.order = order;
    this.formulas = formulas;
    this.lineFactors = factors;
  }

  /**
   * Compiles a validated model.
   *
   * @throws IllegalArgumentException if a formula reads a KPI lagged by more than one month
   */
  public static CompiledModel compile(ValidatedModel model) {
    TreeSet<String> kpis = new TreeSet<>();
    for (ValidatedLine line : model.lines()) {
      collectKpis(line, line.formula(), kpis);
    }
    List<String> kpiIds = List.copyOf(kpis);
    List<String> lineIds = model.definition().lines().stream().map(LineDefinition::id).toList();
    Compiler compiler = new Compiler(model, kpiIds, lineIds);
    int[] order = new int[model.lines().size()];
    Node[] formulas = new Node[model.lines().size()];
    double[] factors = new double[lineIds.size()];
    for (int i = 0; i < order.length; i++) {
      ValidatedLine line = model.lines().get(i);
      order[i] = lineIds.indexOf(line.id());
      formulas[i] = compiler.number(line.formula());
      factors[order[i]] = line.unit().factor().doubleValue();
    }
    return new CompiledModel(kpiIds, lineIds, order, formulas, factors);
  }

  private static void collectKpis(ValidatedLine line, Expr expr, TreeSet<String> kpis) {
    switch (expr) {
      case Kpi k -> {
        if (k.lag() > 1) {
          throw new IllegalArgumentException(
              "line "
                  + line.id()
                  + " reads KPI "
                  + k.id()
                  + " lagged by "
                  + k.lag()
                  + " months; the compiled model supports lags of at most 1 month");
        }
        kpis.add(k.id());
      }
      case Negate n -> collectKpis(line, n.operand(), kpis);
      case Arithmetic a -> {
        collectKpis(line, a.left(), kpis);
        collectKpis(line, a.right(), kpis);
      }
      case Comparison c -> {
        collectKpis(line, c.left(), kpis);
        collectKpis(line, c.right(), kpis);
      }
      case Logical l -> l.operands().forEach(o -> collectKpis(line, o, kpis));
      case If i -> {
        collectKpis(line, i.condition(), kpis);
        collectKpis(line, i.then(), kpis);
        collectKpis(line, i.otherwise(), kpis);
      }
      case Call c -> c.arguments().forEach(a -> collectKpis(line, a, kpis));
      case Literal l -> {}
      case Param p -> {}
      case LineRef l -> {}
      case PeriodValue p -> {}
    }
  }

  /** The KPIs the model reads, in the order of the input arrays. */
  public List<String> kpiIds() {
    return kpiIds;
  }

  /** The model's lines, in the order of the output array (the definition's order). */
  public List<String> lineIds() {
    return lineIds;
  }

  /**
   * Evaluates every line for one month.
   *
   * @param kpiValues this month's KPI values by {@link #kpiIds()} index, NaN when missing
   * @param previousKpiValues the previous month's KPI values, for {@code lag=1}
   * @param daysInPeriod days in the month
   * @param daysInYear days in the month's year
   * @param lineValues receives each line's value in its unit, NaN when an input is missing; length
   *     at least {@code lineIds().size()}
   */
  public void evaluate(
      double[] kpiValues,
      double[] previousKpiValues,
      int daysInPeriod,
      int daysInYear,
      double[] lineValues) {
    Frame frame =
        new Frame(kpiValues, previousKpiValues, 24.0 * daysInPeriod, 24.0 * daysInYear, lineValues);
    for (int i = 0; i < order.length; i++) {
      lineValues[order[i]] = formulas[i].value(frame);
    }
    for (int i = 0; i < lineFactors.length; i++) {
      lineValues[i] /= lineFactors[i];
    }
  }

  /** Evaluates every line for the given month into a new array. */
  public double[] evaluate(double[] kpiValues, double[] previousKpiValues, YearMonth month) {
    double[] lineValues = new double[lineIds.size()];
    evaluate(kpiValues, previousKpiValues, month.lengthOfMonth(), month.lengthOfYear(), lineValues);
    return lineValues;
  }

  /**
   * The inputs of one evaluation. Line values are in coherent units until every line is computed.
   * Small and short-lived, so the JIT's escape analysis keeps it off the heap.
   */
  private record Frame(
      double[] kpis, double[] previous, double hoursInPeriod, double hoursInYear, double[] lines) {}

  private interface Node {
    double value(Frame frame);
  }

  /** A condition: 1 true, 0 false, -1 unknown (an input is missing). */
  private interface Condition {
    int test(Frame frame);
  }

  private static final class Compiler {

    private final ValidatedModel model;
    private final Map<String, Integer> kpiIndex = new HashMap<>();
    private final Map<String, Integer> lineIndex = new HashMap<>();

    Compiler(ValidatedModel model, List<String> kpiIds, List<String> lineIds) {
      this.model = model;
      for (int i = 0; i < kpiIds.size(); i++) {
        kpiIndex.put(kpiIds.get(i), i);
      }
      for (int i = 0; i < lineIds.size(); i++) {
        lineIndex.put(lineIds.get(i), i);
      }
    }

    Node number(Expr expr) {
      return switch (expr) {
        case Literal l -> constant(l.value().doubleValue());
        case Param p ->
            constant(
                model
                    .definition()
                    .parameters()
                    .get(p.name())
                    .value()
                    .multiply(model.parameterUnits().get(p.name()).factor())
                    .doubleValue());
        case Kpi k -> {
          int index = kpiIndex.get(k.id());
          double factor = model.catalog().unit(k.id()).orElseThrow().factor().doubleValue();
          yield k.lag() == 0 ? f -> f.kpis()[index] * factor : f -> f.previous()[index] * factor;
        }
        case LineRef l -> {
          int index = lineIndex.get(l.id());
          yield f -> f.lines()[index];
        }
        case PeriodValue p ->
            switch (p.function()) {
              case DAYS_IN_PERIOD -> Frame::hoursInPeriod;
              case DAYS_IN_YEAR -> Frame::hoursInYear;
            };
        case Negate n -> {
          Node operand = number(n.operand());
          yield f -> -operand.value(f);
        }
        case Arithmetic a -> {
          Node left = number(a.left());
          Node right = number(a.right());
          yield switch (a.operator()) {
            case PLUS -> f -> left.value(f) + right.value(f);
            case MINUS -> f -> left.value(f) - right.value(f);
            case TIMES -> f -> left.value(f) * right.value(f);
            case DIVIDE -> f -> left.value(f) / right.value(f);
          };
        }
        case If i -> {
          Condition condition = condition(i.condition());
          Node then = number(i.then());
          Node otherwise = number(i.otherwise());
          yield f ->
              switch (condition.test(f)) {
                case 1 -> then.value(f);
                case 0 -> otherwise.value(f);
                default -> Double.NaN;
              };
        }
        case Call c -> call(c);
        case Comparison c -> throw new IllegalStateException("validated: not a number " + c);
        case Logical l -> throw new IllegalStateException("validated: not a number " + l);
      };
    }

    private static Node constant(double value) {
      return f -> value;
    }

    private Node call(Call c) {
      Node[] args = c.arguments().stream().map(this::number).toArray(Node[]::new);
      return switch (c.function()) {
        case ABS -> f -> Math.abs(args[0].value(f));
        case MIN ->
            f -> {
              double min = args[0].value(f);
              for (int i = 1; i < args.length; i++) {
                min = Math.min(min, args[i].value(f));
              }
              return min;
            };
        case MAX ->
            f -> {
              double max = args[0].value(f);
              for (int i = 1; i < args.length; i++) {
                max = Math.max(max, args[i].value(f));
              }
              return max;
            };
        case COALESCE ->
            f -> {
              for (Node arg : args) {
                double value = arg.value(f);
                if (!Double.isNaN(value)) {
                  return value;
                }
              }
              return Double.NaN;
            };
      };
    }

    private Condition condition(Expr expr) {
      return switch (expr) {
        case Comparison c -> {
          Node left = number(c.left());
          Node right = number(c.right());
          yield switch (c.operator()) {
            case EQUAL -> compare(left, right, (l, r) -> l == r);
            case NOT_EQUAL -> compare(left, right, (l, r) -> l != r);
            case LESS -> compare(left, right, (l, r) -> l < r);
            case LESS_OR_EQUAL -> compare(left, right, (l, r) -> l <= r);
            case GREATER -> compare(left, right, (l, r) -> l > r);
            case GREATER_OR_EQUAL -> compare(left, right, (l, r) -> l >= r);
          };
        }
        case Logical l -> {
          List<Condition> operands = new ArrayList<>();
          l.operands().forEach(o -> operands.add(condition(o)));
          Condition[] array = operands.toArray(Condition[]::new);
          yield switch (l.operator()) {
            case NOT -> f -> array[0].test(f) < 0 ? -1 : 1 - array[0].test(f);
            case AND -> f -> kleene(array, f, 0);
            case OR -> f -> kleene(array, f, 1);
          };
        }
        default -> throw new IllegalStateException("validated: not a condition " + expr);
      };
    }

    /** {@code and} (decisive 0) or {@code or} (decisive 1) where a missing operand is unknown. */
    private static int kleene(Condition[] operands, Frame frame, int decisive) {
      int result = 1 - decisive;
      for (Condition operand : operands) {
        int value = operand.test(frame);
        if (value == decisive) {
          return decisive;
        }
        if (value < 0) {
          result = -1;
        }
      }
      return result;
    }

    private interface DoubleTest {
      boolean test(double left, double right);
    }

    private static Condition compare(Node left, Node right, DoubleTest test) {
      return f -> {
        double l = left.value(f);
        double r = right.value(f);
        if (Double.isNaN(l) || Double.isNaN(r)) {
          return -1;
        }
        return test.test(l, r) ? 1 : 0;
      };
    }
  }
}
