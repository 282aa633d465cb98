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
import io.twinledger.finance.model.unit.Unit;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates a validated model for one asset, month by month, in exact decimals.
 *
 * <p>Conventions:
 *
 * <ul>
 *   <li>Arithmetic is {@link BigDecimal} in {@link MathContext#DECIMAL128}; values are not rounded
 *       to the currency's minor unit here (statements do that, HALF_EVEN, see {@code
 *       io.twinledger.finance.pnl.Statements}), so a line that refers to another uses its exact
 *       value.
 *   <li>For every KPI and month the observation with the highest revision is used.
 *   <li>Inside a formula, quantities are in the coherent unit of their dimension (percent as a
 *       fraction, millimetres as metres, days as 24 hours); a line's value is reported in the
 *       line's unit.
 *   <li>A missing input is never taken as zero: if a KPI has no observation for the month, or its
 *       period closed without a value, every value computed from it is missing and the line gets no
 *       value and a remark saying which input is missing. Only {@code coalesce(kpi("x"), 0)} turns
 *       a missing value into a number, and it notes that it did. {@code if} evaluates only the
 *       chosen branch; {@code and} is false if any operand is false, {@code or} true if any is
 *       true, even when another operand is missing.
 *   <li>A KPI period whose coverage is under the model's {@link ModelDefinition#completeCoverage()
 *       complete coverage} makes the month <em>partial</em> for every line that reads it, directly
 *       or through another line: the line keeps its value and says so in {@link
 *       LineValue#partial()}. In a partial month a {@link ParameterDefinition#monthlyBaseline()
 *       monthly baseline} is prorated to the covered days (the lowest coverage of the month's own
 *       periods the line reads, times the days of the month), because the KPI it is compared with
 *       measured only those days; a partial line without one says that it is not prorated. A lagged
 *       KPI's partial period is noted but prorates nothing, since it lies in another month than the
 *       baseline.
 * </ul>
 */
public final class ModelEvaluator {

  private static final MathContext MC = MathContext.DECIMAL128;
  private static final BigDecimal HOURS_PER_DAY = BigDecimal.valueOf(24);

  private final ValidatedModel model;
  private final Map<String, Map<YearMonth, KpiObservation>> latest;

  private ModelEvaluator(ValidatedModel model, Map<String, Map<YearMonth, KpiObservation>> latest) {
    this.model = model;
    this.latest = latest;
  }

  /**
   * Evaluates every line for every month from {@code first} to {@code last}, inclusive.
   *
   * @param observations the asset's KPI observations, any revisions; lagged KPIs read months before
   *     {@code first} when they are given
   * @throws IllegalArgumentException if {@code last} is before {@code first}, or two observations
   *     of the same KPI, month and revision differ
   */
  public static ModelRun evaluate(
      ValidatedModel model,
      String assetId,
      Collection<KpiObservation> observations,
      YearMonth first,
      YearMonth last) {
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("last month " + last + " is before first month " + first);
    }
    ModelEvaluator evaluator = new ModelEvaluator(model, latestRevisions(observations));
    List<PeriodValues> periods = new ArrayList<>();
    for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
      periods.add(evaluator.month(month));
    }
    ModelDefinition definition = model.definition();
    return new ModelRun(assetId, definition.id(), definition.version(), model.currency(), periods);
  }

  private static Map<String, Map<YearMonth, KpiObservation>> latestRevisions(
      Collection<KpiObservation> observations) {
    Map<String, Map<YearMonth, KpiObservation>> latest = new HashMap<>();
    for (KpiObservation observation : observations) {
      Map<YearMonth, KpiObservation> byMonth =
          latest.computeIfAbsent(observation.kpiId(), k -> new HashMap<>());
      KpiObservation known = byMonth.get(observation.period());
      if (known == null || known.revision() < observation.revision()) {
        byMonth.put(observation.period(), observation);
      } else if (known.revision() == observation.revision() && !known.equals(observation)) {
        throw new IllegalArgumentException(
            "KPI "
                + observation.kpiId()
                + " "
                + observation.period()
                + " revision "
                + observation.revision()
                + " is given twice with different contents: "
                + known
                + " and "
                + observation);
      }
    }
    return latest;
  }

  private PeriodValues month(YearMonth month) {
    Map<String, Optional<BigDecimal>> coherent = new HashMap<>();
    Map<String, LineValue> values = new HashMap<>();
    Map<String, Coverage> coverages = new HashMap<>();
    for (ValidatedLine line : model.lines()) {
      Evaluation evaluation = new Evaluation(month, coherent, values, coverages, BigDecimal.ONE);
      Optional<BigDecimal> value = evaluation.number(line.formula());
      if (!evaluation.baselines.isEmpty() && evaluation.coverage.isPresent()) {
        // The partial periods are known only once the formula has been read through, so the
        // baselines are prorated in a second evaluation that reads exactly the same inputs.
        BigDecimal share = evaluation.coverage.get().movePointLeft(2);
        evaluation = new Evaluation(month, coherent, values, coverages, share);
        value = evaluation.number(line.formula());
        for (String baseline : evaluation.baselines) {
          evaluation.prorations.add(prorated(baseline, month, evaluation.coverage.get()));
        }
      }
      coherent.put(line.id(), value);
      Coverage coverage =
          new Coverage(
              evaluation.coverage,
              List.copyOf(evaluation.partialKpis),
              List.copyOf(evaluation.prorations));
      coverages.put(line.id(), coverage);
      Unit unit = line.unit();
      values.put(
          line.id(),
          new LineValue(
              line.id(),
              line.definition().label(),
              line.definition().kind(),
              unit,
              value.map(v -> v.divide(unit.factor(), MC)),
              new Provenance(
                  line.definition().formula(),
                  List.copyOf(evaluation.kpis),
                  List.copyOf(evaluation.parameters),
                  List.copyOf(evaluation.lines)),
              List.copyOf(evaluation.remarks),
              coverage.notes()));
    }
    return new PeriodValues(
        month, model.definition().lines().stream().map(l -> values.get(l.id())).toList());
  }

  private static String prorated(String baseline, YearMonth month, BigDecimal coverage) {
    BigDecimal days =
        coverage.multiply(BigDecimal.valueOf(month.lengthOfMonth()), MC).movePointLeft(2);
    return "monthly baseline "
        + baseline
        + " prorated to "
        + days.stripTrailingZeros().toPlainString()
        + " of "
        + month.lengthOfMonth()
        + " days ("
        + coverage.stripTrailingZeros().toPlainString()
        + " % coverage)";
  }

  /**
   * How complete the month is for one line, carried to the lines that refer to it.
   *
   * @param coverage the lowest coverage of the month's own partial KPI periods behind the line
   * @param partialKpis a note per partial KPI period behind the line
   * @param prorations a note per monthly baseline prorated for the line or a line it reads
   */
  private record Coverage(
      Optional<BigDecimal> coverage, List<String> partialKpis, List<String> prorations) {

    /** The line's partial notes: what is partial and whether it was prorated. */
    List<String> notes() {
      if (partialKpis.isEmpty()) {
        return prorations;
      }
      List<String> notes = new ArrayList<>(partialKpis);
      notes.addAll(prorations);
      if (prorations.isEmpty()) {
        notes.add(
            "not prorated: the formula has no monthly baseline, so the amount is what the"
                + " covered days measured");
      }
      return notes;
    }
  }

  /** The evaluation of one formula in one month, recording what it reads. */
  private final class Evaluation {

    private final YearMonth month;
    private final Map<String, Optional<BigDecimal>> coherentLines;
    private final Map<String, LineValue> lineValues;
    private final Map<String, Coverage> lineCoverages;
    private final BigDecimal baselineShare;
    private final Set<KpiUse> kpis = new LinkedHashSet<>();
    private final Set<ParameterUse> parameters = new LinkedHashSet<>();
    private final Set<String> lines = new LinkedHashSet<>();
    private final Set<String> baselines = new LinkedHashSet<>();
    private final Set<String> partialKpis = new LinkedHashSet<>();
    private final Set<String> prorations = new LinkedHashSet<>();
    private Optional<BigDecimal> coverage = Optional.empty();
    private Set<String> remarks = new LinkedHashSet<>();

    /**
     * @param baselineShare the factor monthly baselines are multiplied by: 1, or the covered share
     *     of a partial month
     */
    Evaluation(
        YearMonth month,
        Map<String, Optional<BigDecimal>> coherentLines,
        Map<String, LineValue> lineValues,
        Map<String, Coverage> lineCoverages,
        BigDecimal baselineShare) {
      this.month = month;
      this.coherentLines = coherentLines;
      this.lineValues = lineValues;
      this.lineCoverages = lineCoverages;
      this.baselineShare = baselineShare;
    }

    private void covered(Optional<BigDecimal> partialCoverage) {
      partialCoverage.ifPresent(
          c -> coverage = Optional.of(coverage.filter(known -> known.compareTo(c) <= 0).orElse(c)));
    }

    Optional<BigDecimal> number(Expr expr) {
      return switch (expr) {
        case Literal l -> Optional.of(l.value());
        case Kpi k -> kpi(k);
        case Param p -> {
          ParameterDefinition parameter = model.definition().parameters().get(p.name());
          parameters.add(new ParameterUse(p.name(), parameter.value(), parameter.unit()));
          BigDecimal value =
              parameter.value().multiply(model.parameterUnits().get(p.name()).factor(), MC);
          if (parameter.monthlyBaseline()) {
            baselines.add(p.name());
            value = value.multiply(baselineShare, MC);
          }
          yield Optional.of(value);
        }
        case LineRef l -> {
          lines.add(l.id());
          LineValue used = lineValues.get(l.id());
          kpis.addAll(used.provenance().kpis());
          parameters.addAll(used.provenance().parameters());
          Coverage usedCoverage = lineCoverages.get(l.id());
          covered(usedCoverage.coverage());
          partialKpis.addAll(usedCoverage.partialKpis());
          prorations.addAll(usedCoverage.prorations());
          Optional<BigDecimal> value = coherentLines.get(l.id());
          if (value.isEmpty()) {
            // The line's own reasons come along, so that a booked line names the missing input
            // itself, not only the memo line between them.
            remarks.add(
                "line "
                    + l.id()
                    + " has no value for "
                    + month
                    + (used.remarks().isEmpty() ? "" : ": " + String.join("; ", used.remarks())));
          }
          yield value;
        }
        case PeriodValue p ->
            Optional.of(
                BigDecimal.valueOf(
                        switch (p.function()) {
                          case DAYS_IN_PERIOD -> month.lengthOfMonth();
                          case DAYS_IN_YEAR -> month.lengthOfYear();
                        })
                    .multiply(HOURS_PER_DAY));
        case Negate n -> number(n.operand()).map(BigDecimal::negate);
        case Arithmetic a -> arithmetic(a);
        case If i -> {
          Optional<Boolean> condition = condition(i.condition());
          yield condition.flatMap(c -> number(c ? i.then() : i.otherwise()));
        }
        case Call c -> call(c);
        case Comparison c -> throw new IllegalStateException("validated: not a number " + c);
        case Logical l -> throw new IllegalStateException("validated: not a number " + l);
      };
    }

    private Optional<BigDecimal> kpi(Kpi k) {
      YearMonth period = month.minusMonths(k.lag());
      Map<YearMonth, KpiObservation> byMonth = latest.getOrDefault(k.id(), Map.of());
      KpiObservation observation = byMonth.get(period);
      if (k.latest() && (observation == null || observation.value().isEmpty())) {
        KpiObservation earlier = lastBefore(byMonth, period);
        if (earlier != null) {
          remarks.add(
              "KPI "
                  + k.id()
                  + " has no value for "
                  + period
                  + "; the last before it, "
                  + earlier.period()
                  + ", is used");
          observation = earlier;
        }
      }
      if (observation == null) {
        remarks.add(
            "KPI "
                + k.id()
                + " has no observation for "
                + period
                + (k.latest() ? " nor in the " + Kpi.LATEST_LOOKBACK + " months before" : ""));
        return Optional.empty();
      }
      kpis.add(KpiUse.of(observation));
      String where =
          "KPI " + k.id() + " for " + period + " (revision " + observation.revision() + ")";
      Optional<BigDecimal> partial =
          observation.coveragePercent().filter(model.definition()::partial);
      if (partial.isPresent()) {
        partialKpis.add(
            where
                + " covers "
                + partial.get().stripTrailingZeros().toPlainString()
                + " % of the month, under the model's complete coverage of "
                + model.definition().completeCoverage().stripTrailingZeros().toPlainString()
                + " %");
        if (observation.period().equals(month)) {
          covered(partial);
        }
      }
      if (observation.value().isEmpty()) {
        remarks.add(where + " has no value");
        return Optional.empty();
      }
      Unit expected = model.catalog().unit(k.id()).orElseThrow();
      Unit reported;
      try {
        reported = Unit.parse(observation.unit());
      } catch (IllegalArgumentException e) {
        remarks.add(where + " has an unusable unit: " + e.getMessage());
        return Optional.empty();
      }
      if (!reported.sameDimension(expected)) {
        remarks.add(
            where
                + " is in "
                + observation.unit()
                + ", which does not convert to the catalog unit "
                + model.catalog().unitCodes().get(k.id()));
        return Optional.empty();
      }
      return Optional.of(observation.value().get().multiply(reported.factor(), MC));
    }

    /**
     * The most recent observation with a value in the lookback months before {@code period}, or
     * null.
     */
    private static KpiObservation lastBefore(
        Map<YearMonth, KpiObservation> byMonth, YearMonth period) {
      for (int back = 1; back <= Kpi.LATEST_LOOKBACK; back++) {
        KpiObservation earlier = byMonth.get(period.minusMonths(back));
        if (earlier != null && earlier.value().isPresent()) {
          return earlier;
        }
      }
      return null;
    }

    private Optional<BigDecimal> arithmetic(Arithmetic a) {
      Optional<BigDecimal> left = number(a.left());
      Optional<BigDecimal> right = number(a.right());
      if (left.isEmpty() || right.isEmpty()) {
        return Optional.empty();
      }
      BigDecimal l = left.get();
      BigDecimal r = right.get();
      return Optional.of(
          switch (a.operator()) {
            case PLUS -> l.add(r, MC);
            case MINUS -> l.subtract(r, MC);
            case TIMES -> l.multiply(r, MC);
            case DIVIDE -> l.divide(r, MC);
          });
    }

    private Optional<BigDecimal> call(Call c) {
      if (c.function() == Expr.Function.COALESCE) {
        return coalesce(c);
      }
      List<Optional<BigDecimal>> args = c.arguments().stream().map(this::number).toList();
      if (args.stream().anyMatch(Optional::isEmpty)) {
        return Optional.empty();
      }
      List<BigDecimal> values = args.stream().map(Optional::get).toList();
      return Optional.of(
          switch (c.function()) {
            case ABS -> values.get(0).abs();
            case MIN -> values.stream().min(BigDecimal::compareTo).orElseThrow();
            case MAX -> values.stream().max(BigDecimal::compareTo).orElseThrow();
            case COALESCE -> throw new IllegalStateException("handled above");
          });
    }

    private Optional<BigDecimal> coalesce(Call c) {
      Set<String> outer = remarks;
      try {
        for (Expr argument : c.arguments()) {
          remarks = new LinkedHashSet<>();
          Optional<BigDecimal> value = number(argument);
          if (value.isPresent()) {
            return value;
          }
          for (String remark : remarks) {
            outer.add(remark + "; coalesce used its next argument");
          }
        }
        return Optional.empty();
      } finally {
        remarks = outer;
      }
    }

    private Optional<Boolean> condition(Expr expr) {
      return switch (expr) {
        case Comparison c -> {
          Optional<BigDecimal> left = number(c.left());
          Optional<BigDecimal> right = number(c.right());
          if (left.isEmpty() || right.isEmpty()) {
            yield Optional.empty();
          }
          int order = left.get().compareTo(right.get());
          yield Optional.of(
              switch (c.operator()) {
                case EQUAL -> order == 0;
                case NOT_EQUAL -> order != 0;
                case LESS -> order < 0;
                case LESS_OR_EQUAL -> order <= 0;
                case GREATER -> order > 0;
                case GREATER_OR_EQUAL -> order >= 0;
              });
        }
        case Logical l -> logical(l);
        default -> throw new IllegalStateException("validated: not a condition " + expr);
      };
    }

    private Optional<Boolean> logical(Logical l) {
      List<Optional<Boolean>> operands = l.operands().stream().map(this::condition).toList();
      return switch (l.operator()) {
        case NOT -> operands.get(0).map(b -> !b);
        case AND ->
            operands.contains(Optional.of(false))
                ? Optional.of(false)
                : operands.contains(Optional.<Boolean>empty())
                    ? Optional.empty()
                    : Optional.of(true);
        case OR ->
            operands.contains(Optional.of(true))
                ? Optional.of(true)
                : operands.contains(Optional.<Boolean>empty())
                    ? Optional.empty()
                    : Optional.of(false);
      };
    }
  }
}
