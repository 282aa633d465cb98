package io.twinledger.service.valuation;

import io.twinledger.finance.valuation.DatedAmount;
import io.twinledger.finance.valuation.RootResult;
import io.twinledger.finance.valuation.ValuationReport;
import io.twinledger.service.calc.CalcResults;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Response of {@code POST /api/v1/valuations}. Amounts are rounded half-even to the currency's
 * minor unit; rates and ratios to {@value CalcResults#DECIMALS} decimal places, as the calculators.
 *
 * @param irr {@code UNIQUE} with {@code rate}, {@code MULTIPLE} with {@code rates}, or {@code NONE}
 *     with {@code reason}: several or no rates are reported, never one guessed
 */
record ValuationView(
    String assetId,
    String modelId,
    int modelVersion,
    String currency,
    YearMonth from,
    YearMonth to,
    LocalDate valuationDate,
    BigDecimal npv,
    Irr irr,
    Optional<BigDecimal> paybackMonths,
    List<DatedAmount> cashFlows,
    List<YearMonth> monthsWithoutAmounts,
    List<YearMonth> partialMonths,
    List<Year> years,
    Optional<BigDecimal> minimumDscr,
    Optional<BigDecimal> llcr,
    Tornado tornado,
    List<ScenarioValue> scenarios) {

  record Irr(
      String status, Optional<BigDecimal> rate, List<BigDecimal> rates, Optional<String> reason) {}

  record Year(int year, BigDecimal cfads, BigDecimal debtService, Optional<BigDecimal> dscr) {}

  record Tornado(BigDecimal baseNpv, List<Bar> bars) {}

  record Bar(
      String parameter,
      BigDecimal lowValue,
      BigDecimal highValue,
      BigDecimal lowNpv,
      BigDecimal highNpv,
      BigDecimal swing) {}

  record ScenarioValue(String name, BigDecimal npv, BigDecimal changeFromBase) {}

  static ValuationView of(ValuationRuns.Run run) {
    ValuationReport report = run.report();
    int digits = report.currency().getDefaultFractionDigits();
    return new ValuationView(
        run.assetId(),
        run.model().modelId(),
        run.model().version(),
        report.currency().getCurrencyCode(),
        run.from(),
        run.to(),
        run.terms().valuationDate(),
        report.npv(),
        irr(report.irr()),
        report.paybackMonths().map(CalcResults::rounded),
        report.cashFlows(),
        report.monthsWithoutAmounts(),
        report.partialMonths(),
        report.years().stream()
            .map(
                y ->
                    new Year(
                        y.year(), y.cfads(), y.debtService(), y.dscr().map(CalcResults::rounded)))
            .toList(),
        report.minimumDscr().map(CalcResults::rounded),
        report.llcr().map(CalcResults::rounded),
        new Tornado(
            money(report.tornado().baseValue(), digits),
            report.tornado().bars().stream()
                .map(
                    b ->
                        new Bar(
                            b.input(),
                            b.lowInput().stripTrailingZeros(),
                            b.highInput().stripTrailingZeros(),
                            money(b.lowValue(), digits),
                            money(b.highValue(), digits),
                            money(b.swing(), digits)))
                .toList()),
        report.scenarios().stream()
            .map(
                s ->
                    new ScenarioValue(
                        s.name(), money(s.value(), digits), money(s.changeFromBase(), digits)))
            .toList());
  }

  private static Irr irr(RootResult result) {
    return switch (result) {
      case RootResult.Unique unique ->
          new Irr(
              "UNIQUE",
              Optional.of(CalcResults.rounded(unique.rate().decimal())),
              List.of(),
              Optional.empty());
      case RootResult.Multiple multiple ->
          new Irr(
              "MULTIPLE",
              Optional.empty(),
              multiple.rates().stream().map(r -> CalcResults.rounded(r.decimal())).toList(),
              Optional.of(multiple.note()));
      case RootResult.None none ->
          new Irr("NONE", Optional.empty(), List.of(), Optional.of(none.reason()));
    };
  }

  private static BigDecimal money(BigDecimal amount, int digits) {
    return amount.setScale(digits, RoundingMode.HALF_EVEN);
  }
}
