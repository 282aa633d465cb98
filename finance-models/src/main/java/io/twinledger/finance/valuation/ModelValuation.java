package io.twinledger.finance.valuation;

import io.twinledger.finance.model.KpiCatalog;
import io.twinledger.finance.model.KpiObservation;
import io.twinledger.finance.model.LineKind;
import io.twinledger.finance.model.ModelDefinition;
import io.twinledger.finance.model.ModelEvaluator;
import io.twinledger.finance.model.ModelRun;
import io.twinledger.finance.model.ModelValidator;
import io.twinledger.finance.model.ParameterDefinition;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.pnl.Statement;
import io.twinledger.finance.pnl.StatementLine;
import io.twinledger.finance.pnl.Statements;
import io.twinledger.finance.valuation.Sensitivity.InputRange;
import io.twinledger.finance.valuation.ValuationReport.YearCover;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Values a cash-flow model on an asset's KPI history: the same evaluation and rounding as the
 * asset's monthly P&amp;L statements ({@link Statements}), so the base NPV is the NPV of the
 * statements' net results.
 *
 * <p>Conventions: each month's net result (income − costs, rounded half-even to the minor unit)
 * falls on the month's last day and is discounted to the valuation date with Excel's XNPV
 * (actual/365). CFADS is income minus operating costs (capital and financing costs are not
 * available for debt service); debt service is the FINANCING lines plus the terms' annual debt
 * service pro rata to the months valued in each year. The tornado moves each parameter alone by the
 * terms' shock; a scenario overrides the parameters it names.
 */
public final class ModelValuation {

  private static final MathContext MC = MathContext.DECIMAL128;

  private final ModelDefinition definition;
  private final KpiCatalog catalog;
  private final String assetId;
  private final Collection<KpiObservation> observations;
  private final YearMonth first;
  private final YearMonth last;

  private ModelValuation(
      ModelDefinition definition,
      KpiCatalog catalog,
      String assetId,
      Collection<KpiObservation> observations,
      YearMonth first,
      YearMonth last) {
    this.definition = definition;
    this.catalog = catalog;
    this.assetId = assetId;
    this.observations = observations;
    this.first = first;
    this.last = last;
  }

  /**
   * Values the model on the asset's observations over months {@code first} to {@code last}.
   *
   * @throws io.twinledger.finance.model.InvalidModelException if the model does not fit the
   *     catalog, or a scenario's override makes it invalid
   * @throws IllegalArgumentException if a scenario names an unknown parameter, or no month has
   *     amounts to value
   */
  public static ValuationReport of(
      ModelDefinition definition,
      KpiCatalog catalog,
      String assetId,
      Collection<KpiObservation> observations,
      YearMonth first,
      YearMonth last,
      ValuationTerms terms) {
    return new ModelValuation(definition, catalog, assetId, observations, first, last).value(terms);
  }

  private ValuationReport value(ValuationTerms terms) {
    List<Statement> months = statements(Map.of());
    int digits = months.getFirst().currency().getDefaultFractionDigits();
    List<DatedAmount> flows = new ArrayList<>();
    List<YearMonth> missing = new ArrayList<>();
    List<YearMonth> partial = new ArrayList<>();
    Map<Integer, BigDecimal[]> years = new TreeMap<>();
    BigDecimal monthlyDebtService = terms.annualDebtService().divide(BigDecimal.valueOf(12), MC);
    for (Statement month : months) {
      YearMonth period = month.period().first();
      // A month with a missing line amount or a partial month is not a month's cash flow.
      if (!month.totals().missing().isEmpty()) {
        missing.add(period);
        continue;
      }
      if (!month.totals().partial().isEmpty()) {
        partial.add(period);
        continue;
      }
      flows.add(
          new DatedAmount(
              period.atEndOfMonth(), round(month.totals().netResult().amount(), digits)));
      BigDecimal[] year =
          years.computeIfAbsent(
              period.getYear(), y -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      year[0] = year[0].add(cfads(month));
      year[1] = year[1].add(sum(month, LineKind.FINANCING)).add(monthlyDebtService);
    }
    if (flows.isEmpty()) {
      throw new IllegalArgumentException(
          "no month from " + first + " to " + last + " has amounts to value");
    }
    // Each year's DSCR and the minimum come from the same periods of exact sums, so the minimum is
    // one of the yearly figures to the last digit; the amounts are rounded only for the report.
    List<DebtPeriod> periods =
        years.values().stream().map(sums -> new DebtPeriod(sums[0], sums[1])).toList();
    List<Optional<BigDecimal>> dscr = DebtMetrics.dscr(periods);
    List<YearCover> cover = new ArrayList<>();
    int index = 0;
    for (Map.Entry<Integer, BigDecimal[]> year : years.entrySet()) {
      BigDecimal[] sums = year.getValue();
      cover.add(
          new YearCover(
              year.getKey(), round(sums[0], digits), round(sums[1], digits), dscr.get(index++)));
    }
    Optional<BigDecimal> llcr =
        terms
            .outstandingDebt()
            .flatMap(
                debt ->
                    DebtMetrics.llcr(
                        cover.stream().map(YearCover::cfads).toList(),
                        terms.debtRate().orElse(terms.discountRate()),
                        debt));
    Map<String, BigDecimal> base = new LinkedHashMap<>();
    Map<String, InputRange> ranges = new LinkedHashMap<>();
    definition
        .parameters()
        .forEach(
            (name, parameter) -> {
              base.put(name, parameter.value());
              ranges.put(
                  name,
                  new InputRange(
                      parameter.value().multiply(BigDecimal.ONE.subtract(terms.parameterShock())),
                      parameter.value().multiply(BigDecimal.ONE.add(terms.parameterShock()))));
            });
    Function<Map<String, BigDecimal>, BigDecimal> npvOf =
        parameters -> npv(statements(parameters), terms);
    return new ValuationReport(
        months.getFirst().currency(),
        flows,
        missing,
        partial,
        round(npv(months, terms), digits),
        Xirr.of(flows),
        Payback.simple(flows.stream().map(DatedAmount::amount).toList()),
        cover,
        DebtMetrics.minimumDscr(periods),
        llcr,
        Sensitivity.tornado(base, npvOf, ranges),
        Sensitivity.scenarios(base, npvOf, terms.scenarios()));
  }

  private List<Statement> statements(Map<String, BigDecimal> parameters) {
    Map<String, ParameterDefinition> changed = new LinkedHashMap<>(definition.parameters());
    parameters.forEach(
        (name, value) -> {
          ParameterDefinition parameter = changed.get(name);
          if (parameter == null) {
            throw new IllegalArgumentException(
                "model " + definition.id() + " has no parameter '" + name + "'");
          }
          changed.put(name, parameter.withValue(value));
        });
    ModelRun run =
        ModelEvaluator.evaluate(
            ModelValidator.validated(definition.withParameters(changed), catalog),
            assetId,
            observations,
            first,
            last);
    return Statements.monthly(run);
  }

  private static BigDecimal npv(List<Statement> months, ValuationTerms terms) {
    List<DatedAmount> flows = new ArrayList<>();
    flows.add(new DatedAmount(terms.valuationDate(), BigDecimal.ZERO));
    for (Statement month : months) {
      if (month.totals().complete()) {
        flows.add(
            new DatedAmount(
                month.period().first().atEndOfMonth(), month.totals().netResult().amount()));
      }
    }
    return Xnpv.of(terms.discountRate(), flows);
  }

  private static BigDecimal cfads(Statement month) {
    BigDecimal income = BigDecimal.ZERO;
    for (StatementLine line : month.lines()) {
      if (line.kind().income()) {
        BigDecimal amount = line.amount().map(Money::amount).orElse(BigDecimal.ZERO);
        income = line.kind() == LineKind.DEDUCTION ? income.subtract(amount) : income.add(amount);
      }
    }
    return income.subtract(sum(month, LineKind.OPERATING_COST));
  }

  private static BigDecimal sum(Statement month, LineKind kind) {
    return month.lines().stream()
        .filter(line -> line.kind() == kind)
        .map(line -> line.amount().map(Money::amount).orElse(BigDecimal.ZERO))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal round(BigDecimal amount, int digits) {
    return amount.setScale(digits, RoundingMode.HALF_EVEN);
  }
}
