package io.twinledger.finance.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.twinledger.finance.model.KpiCatalog;
import io.twinledger.finance.model.KpiObservation;
import io.twinledger.finance.model.Templates;
import io.twinledger.finance.valuation.Sensitivity.Scenario;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The water NRW template valued on a year of constant KPIs: every month nets 700 EUR (recovered
 * 2,000 m³ × 2.35 − 6,000 m³ × 0.40 − 2,000 m³ × 0.80), so every figure has a closed form.
 */
class ModelValuationTest {

  static final KpiCatalog CATALOG = KpiCatalog.of("nrw-volume", "MTQ", "real-losses", "MTQ");
  static final LocalDate VALUED_AT = LocalDate.of(2026, 1, 1);

  final List<KpiObservation> observations = new ArrayList<>();

  ModelValuationTest() {
    for (int month = 1; month <= 12; month++) {
      observations.add(observed("nrw-volume", YearMonth.of(2026, month), "10000"));
      observations.add(observed("real-losses", YearMonth.of(2026, month), "6000"));
    }
    // January 2027 has no real-losses period yet: its net result is unknown, not zero.
    observations.add(observed("nrw-volume", YearMonth.of(2027, 1), "10000"));
  }

  @Test
  void aPartialMonthIsLeftOutAndNamedApartFromMonthsWithoutAmounts() {
    List<KpiObservation> kpis = new ArrayList<>(observations);
    // March 2026's real losses cover 60 % of the month
    kpis.replaceAll(
        o ->
            o.kpiId().equals("real-losses") && o.period().equals(YearMonth.of(2026, 3))
                ? new KpiObservation(
                    o.kpiId(),
                    o.period(),
                    o.revision(),
                    o.value(),
                    o.unit(),
                    o.evidence(),
                    Optional.of(new BigDecimal("60")))
                : o);

    ValuationReport report =
        valued(kpis, YearMonth.of(2026, 1), "6000", Optional.empty(), List.of());

    assertThat(report.partialMonths()).containsExactly(YearMonth.of(2026, 3));
    assertThat(report.monthsWithoutAmounts()).containsExactly(YearMonth.of(2027, 1));
    assertThat(report.cashFlows()).hasSize(11);
    assertThat(report.cashFlows())
        .extracting(DatedAmount::date)
        .doesNotContain(LocalDate.of(2026, 3, 31));
  }

  @Test
  void valuesTheMonthlyNetResultsAndReportsDebtCoverAndSensitivities() {
    ValuationReport report =
        valued(
            observations,
            YearMonth.of(2026, 1),
            "6000",
            Optional.of(new BigDecimal("7000")),
            List.of(new Scenario("tariff 2.50", Map.of("tariff", new BigDecimal("2.50")))));

    double discountFactors = 0;
    for (int month = 1; month <= 12; month++) {
      long days = ChronoUnit.DAYS.between(VALUED_AT, YearMonth.of(2026, month).atEndOfMonth());
      discountFactors += Math.pow(1.08, -days / 365.0);
    }
    assertThat(report.cashFlows()).hasSize(12);
    assertThat(report.cashFlows().getFirst())
        .isEqualTo(new DatedAmount(LocalDate.of(2026, 1, 31), new BigDecimal("700.00")));
    assertThat(report.monthsWithoutAmounts()).containsExactly(YearMonth.of(2027, 1));
    assertThat(report.npv().doubleValue()).isCloseTo(700 * discountFactors, within(0.005));
    assertThat(report.npv().scale()).isEqualTo(2);
    assertThat(report.irr()).as("no sign change, no rate").isInstanceOf(RootResult.None.class);
    assertThat(report.paybackMonths()).contains(BigDecimal.ZERO);

    var year = report.years().getFirst();
    assertThat(year.cfads()).isEqualByComparingTo("8400");
    assertThat(year.debtService()).isEqualByComparingTo("6000");
    assertThat(year.dscr().orElseThrow()).isEqualByComparingTo("1.4");
    assertThat(report.minimumDscr().orElseThrow()).isEqualByComparingTo("1.4");
    assertThat(report.llcr().orElseThrow().doubleValue())
        .isCloseTo(8400 / 1.08 / 7000, within(1e-9));

    // ±10 % on the baseline moves recovered volume by ±1,200 m³: ±(2,820 − 960) EUR a month.
    var widest = report.tornado().bars().getFirst();
    assertThat(widest.input()).isEqualTo("baseline-nrw-volume");
    assertThat(widest.swing().doubleValue()).isCloseTo(2 * 1860 * discountFactors, within(1e-6));
    assertThat(report.tornado().baseValue().doubleValue())
        .isCloseTo(700 * discountFactors, within(1e-6));
    // Tariff 2.50: +300 EUR a month.
    assertThat(report.scenarios().getFirst().changeFromBase().doubleValue())
        .isCloseTo(300 * discountFactors, within(1e-6));
  }

  /**
   * Seven months of 2026 carry 7/12 of 7,000 EUR of debt service, 4,083.33… EUR: the year's DSCR is
   * a ratio of exact sums (4,900 / 4,083.33… = 1.2), not of the rounded amounts shown (which give
   * 1.20000098). The minimum DSCR is that year's DSCR, the same figure to the last digit.
   */
  @Test
  void theMinimumDscrIsTheLowestYearlyDscrExactly() {
    List<KpiObservation> partYear =
        observations.stream().filter(o -> o.period().getMonthValue() >= 6).toList();
    ValuationReport report =
        valued(partYear, YearMonth.of(2026, 6), "7000", Optional.empty(), List.of());

    var year = report.years().getFirst();
    assertThat(year.year()).isEqualTo(2026);
    assertThat(year.cfads()).isEqualByComparingTo("4900");
    assertThat(year.debtService()).isEqualByComparingTo("4083.33");
    assertThat(year.dscr().orElseThrow().setScale(10, RoundingMode.HALF_EVEN))
        .isEqualTo("1.2000000000");
    assertThat(report.minimumDscr()).isEqualTo(year.dscr());
    assertThat(report.minimumDscr())
        .isEqualTo(
            report.years().stream()
                .map(ValuationReport.YearCover::dscr)
                .flatMap(Optional::stream)
                .min(BigDecimal::compareTo));
  }

  @Test
  void aScenarioMayOnlyOverrideTheModelsParameters() {
    ValuationTerms terms =
        new ValuationTerms(
            Rate.of("0.08"),
            VALUED_AT,
            BigDecimal.ZERO,
            Optional.empty(),
            Optional.empty(),
            new BigDecimal("0.1"),
            List.of(new Scenario("typo", Map.of("tarif", BigDecimal.ONE))));

    assertThatThrownBy(
            () ->
                ModelValuation.of(
                    Templates.load("water-nrw"),
                    CATALOG,
                    "dma",
                    observations,
                    YearMonth.of(2026, 1),
                    YearMonth.of(2026, 12),
                    terms))
        .hasMessageContaining("tarif");
  }

  /** The water NRW template valued from {@code first} to January 2027 at 8 %. */
  private static ValuationReport valued(
      List<KpiObservation> observed,
      YearMonth first,
      String annualDebtService,
      Optional<BigDecimal> outstandingDebt,
      List<Scenario> scenarios) {
    return ModelValuation.of(
        Templates.load("water-nrw"),
        CATALOG,
        "dma",
        observed,
        first,
        YearMonth.of(2027, 1),
        new ValuationTerms(
            Rate.of("0.08"),
            VALUED_AT,
            new BigDecimal(annualDebtService),
            outstandingDebt,
            Optional.empty(),
            new BigDecimal("0.1"),
            scenarios));
  }

  private static KpiObservation observed(String kpi, YearMonth month, String value) {
    return new KpiObservation(
        kpi, month, 1, Optional.of(new BigDecimal(value)), "MTQ", List.of("ab"));
  }
}
