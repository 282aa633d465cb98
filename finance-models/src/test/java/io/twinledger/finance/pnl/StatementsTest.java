package io.twinledger.finance.pnl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.finance.model.KpiCatalog;
import io.twinledger.finance.model.KpiObservation;
import io.twinledger.finance.model.KpiUse;
import io.twinledger.finance.model.ModelEvaluator;
import io.twinledger.finance.model.ModelRun;
import io.twinledger.finance.model.ModelValidator;
import io.twinledger.finance.model.Templates;
import io.twinledger.finance.model.ValidatedModel;
import io.twinledger.finance.money.Money;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatementsTest {

  private static final KpiCatalog CATALOG =
      KpiCatalog.of(
          "nrw-volume", "MTQ",
          "real-losses", "MTQ",
          "cso-events", "C62",
          "volume-captured", "MTQ");
  private static final ValidatedModel WATER =
      ModelValidator.validated(Templates.load("water-nrw"), CATALOG);
  private static final ValidatedModel STORMWATER =
      ModelValidator.validated(Templates.load("stormwater"), CATALOG);

  private static KpiObservation observed(String kpi, String month, int revision, String value) {
    return new KpiObservation(
        kpi,
        YearMonth.parse(month),
        revision,
        Optional.of(new BigDecimal(value)),
        kpi.equals("cso-events") ? "C62" : "MTQ",
        List.of(kpi + "@" + month + "#" + revision));
  }

  @Test
  void aPartialMonthIsIncludedButNotCompleteOnTheLineAndInTheTotals() {
    List<KpiObservation> kpis = new ArrayList<>();
    kpis.add(observed("nrw-volume", "2025-01", 1, "10000"));
    kpis.add(observed("real-losses", "2025-01", 1, "5000"));
    // February 2025 has 28 days, the readings cover 14: the baseline becomes 6000 m³
    kpis.add(half(observed("nrw-volume", "2025-02", 1, "5000")));
    kpis.add(observed("real-losses", "2025-02", 1, "2500"));
    ModelRun run =
        ModelEvaluator.evaluate(WATER, "dma-1", kpis, YearMonth.of(2025, 1), YearMonth.of(2025, 2));

    Statement quarter = Statements.quarterly(run).getFirst();
    StatementLine revenue = line(quarter, "recovered-revenue");

    // (12000 - 10000) * 2.35 + (6000 - 5000) * 2.35 = 4700 + 2350
    assertThat(revenue.amount().orElseThrow().amount()).isEqualByComparingTo("7050.00");
    assertThat(revenue.missing()).isEmpty();
    assertThat(revenue.complete()).isFalse();
    assertThat(revenue.partial())
        .extracting(PartialValue::month)
        .containsExactly(YearMonth.of(2025, 2));
    assertThat(revenue.partial().getFirst().reasons())
        .contains("monthly baseline baseline-nrw-volume prorated to 14 of 28 days (50 % coverage)");
    // real-losses covers February fully, so its cost line is complete
    assertThat(line(quarter, "real-losses-cost").complete()).isTrue();
    assertThat(quarter.totals().complete()).isFalse();
    assertThat(quarter.partialMonths()).containsExactly(YearMonth.of(2025, 2));
    assertThat(quarter.totals().missing()).isEmpty();
    assertThat(quarter.totals().partial())
        .extracting(PartialValue::lineId)
        .containsExactly("recovered-revenue", "contractor-payment");
    // January alone is complete
    assertThat(Statements.monthly(run).getFirst().totals().complete()).isTrue();
  }

  private static KpiObservation half(KpiObservation o) {
    return new KpiObservation(
        o.kpiId(),
        o.period(),
        o.revision(),
        o.value(),
        o.unit(),
        o.evidence(),
        Optional.of(new BigDecimal("50")));
  }

  private static StatementLine line(Statement statement, String lineId) {
    return statement.lines().stream()
        .filter(l -> l.lineId().equals(lineId))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Water district, January to April 2025.
   *
   * <pre>
   * month  nrw-volume  recovered  revenue (x2.35)  contractor (x0.80)  real-losses  cost (x0.40)
   * 01     11000.1     999.9      2349.765 -> 2349.76 (HALF_EVEN)  799.92    5000.005  2000.002 -> 2000.00
   * 02     10000       2000       4700.00          1600.00             5000         2000.00
   * 03     9500 (r2)   2500       5875.00          2000.00             6000         2400.00
   * 04     12500       0          0.00             0.00                7000         2800.00
   * </pre>
   */
  private static ModelRun waterRun() {
    List<KpiObservation> kpis = new ArrayList<>();
    kpis.add(observed("nrw-volume", "2025-01", 1, "11000.1"));
    kpis.add(observed("real-losses", "2025-01", 1, "5000.005"));
    kpis.add(observed("nrw-volume", "2025-02", 1, "10000"));
    kpis.add(observed("real-losses", "2025-02", 1, "5000"));
    kpis.add(observed("nrw-volume", "2025-03", 1, "9800"));
    kpis.add(observed("nrw-volume", "2025-03", 2, "9500"));
    kpis.add(observed("real-losses", "2025-03", 1, "6000"));
    kpis.add(observed("nrw-volume", "2025-04", 1, "12500"));
    kpis.add(observed("real-losses", "2025-04", 1, "7000"));
    return ModelEvaluator.evaluate(
        WATER, "dma-north-hill", kpis, YearMonth.of(2025, 1), YearMonth.of(2025, 4));
  }

  private static Money eur(String amount) {
    return Money.of("EUR", amount);
  }

  @Test
  void monthlyStatementsRoundHalfEvenAndBookOnlyNonMemoLines() {
    Statement january = Statements.monthly(waterRun()).get(0);

    assertThat(january.period()).hasToString("2025-01");
    assertThat(january.lines())
        .extracting(StatementLine::lineId)
        .containsExactly("recovered-revenue", "real-losses-cost", "contractor-payment");
    // 999.9 m³ * 2.35 = 2349.765 -> 2349.76 (HALF_EVEN keeps the even 6)
    assertThat(january.line("recovered-revenue").orElseThrow().amount()).contains(eur("2349.76"));
    // 5000.005 m³ * 0.40 = 2000.002 -> 2000.00
    assertThat(january.line("real-losses-cost").orElseThrow().amount()).contains(eur("2000.00"));
    // 999.9 * 0.80 = 799.92
    assertThat(january.line("contractor-payment").orElseThrow().amount()).contains(eur("799.92"));
    // income 2349.76; costs 2000.00 + 799.92 = 2799.92; net 2349.76 - 2799.92 = -450.16
    assertThat(january.totals()).isEqualTo(totals(eur("2349.76"), eur("2799.92"), eur("-450.16")));
  }

  @Test
  void quarterIsTheSumOfRoundedMonthsWithMergedProvenance() {
    List<Statement> quarters = Statements.quarterly(waterRun());

    assertThat(quarters)
        .extracting(s -> s.period().toString())
        .containsExactly("2025-Q1", "2025-Q2");
    Statement q1 = quarters.get(0);
    assertThat(q1.complete()).isTrue();
    // 2349.76 + 4700.00 + 5875.00 = 12924.76
    assertThat(q1.line("recovered-revenue").orElseThrow().amount()).contains(eur("12924.76"));
    // 2000.00 + 2000.00 + 2400.00 = 6400.00; 799.92 + 1600.00 + 2000.00 = 4399.92
    assertThat(q1.totals())
        .isEqualTo(
            // net 12924.76 - (6400.00 + 4399.92) = 2124.84
            totals(eur("12924.76"), eur("10799.92"), eur("2124.84")));
    // provenance: one observation per month, March at revision 2 only
    assertThat(q1.line("recovered-revenue").orElseThrow().provenance().kpis())
        .extracting(KpiUse::period, KpiUse::revision)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(YearMonth.of(2025, 1), 1),
            org.assertj.core.groups.Tuple.tuple(YearMonth.of(2025, 2), 1),
            org.assertj.core.groups.Tuple.tuple(YearMonth.of(2025, 3), 2));
    assertThat(q1.line("recovered-revenue").orElseThrow().provenance().evidence())
        .containsExactly("nrw-volume@2025-01#1", "nrw-volume@2025-02#1", "nrw-volume@2025-03#2");
    // Q2 has only April so far
    assertThat(quarters.get(1).complete()).isFalse();
    assertThat(quarters.get(1).months()).containsExactly(YearMonth.of(2025, 4));
  }

  @Test
  void yearToDateSumsEveryEvaluatedMonth() {
    Statement year = Statements.yearly(waterRun()).get(0);

    assertThat(year.period()).hasToString("2025");
    assertThat(year.complete()).isFalse();
    // costs Q1 10799.92 + April 2800.00 + 0.00 = 13599.92
    assertThat(year.totals()).isEqualTo(totals(eur("12924.76"), eur("13599.92"), eur("-675.16")));
  }

  @Test
  void aMonthWithoutValueIsListedWithItsReasonAndTheTotalsSumWhatExists() {
    List<KpiObservation> kpis =
        List.of(
            observed("nrw-volume", "2025-01", 1, "11000"),
            observed("real-losses", "2025-01", 1, "5000"),
            observed("real-losses", "2025-02", 1, "5000"));

    Statement q1 =
        Statements.quarterly(
                ModelEvaluator.evaluate(
                    WATER, "dma-north-hill", kpis, YearMonth.of(2025, 1), YearMonth.of(2025, 2)))
            .get(0);

    List<Statement> months =
        Statements.monthly(
            ModelEvaluator.evaluate(
                WATER, "dma-north-hill", kpis, YearMonth.of(2025, 1), YearMonth.of(2025, 2)));
    StatementLine revenue = q1.line("recovered-revenue").orElseThrow();
    assertThat(revenue.amount())
        .as("January's amount; February has none")
        .isEqualTo(months.get(0).line("recovered-revenue").orElseThrow().amount());
    assertThat(revenue.complete()).isFalse();
    assertThat(revenue.missing())
        .containsExactly(
            new MissingValue(
                "dma-north-hill",
                "recovered-revenue",
                YearMonth.of(2025, 2),
                List.of(
                    "line recovered-volume has no value for 2025-02: KPI nrw-volume has no"
                        + " observation for 2025-02")));
    assertThat(q1.line("real-losses-cost").orElseThrow().amount()).contains(eur("4000.00"));
    assertThat(q1.line("real-losses-cost").orElseThrow().complete()).isTrue();
    // The quarter's totals are the sums of the months' totals, and name what they leave out.
    Totals totals = q1.totals();
    assertThat(totals.complete()).isFalse();
    assertThat(totals.income().amount())
        .isEqualByComparingTo(
            months.get(0).totals().income().amount().add(months.get(1).totals().income().amount()));
    assertThat(totals.costs().amount())
        .isEqualByComparingTo(
            months.get(0).totals().costs().amount().add(months.get(1).totals().costs().amount()));
    assertThat(totals.missing()).contains(revenue.missing().getFirst());
    assertThat(totals.missing())
        .extracting(MissingValue::month)
        .containsOnly(YearMonth.of(2025, 2));
    assertThat(months.get(0).totals().complete()).isTrue();
    assertThat(months.get(1).totals().missing()).isEqualTo(totals.missing());
  }

  private static Totals totals(Money income, Money costs, Money net) {
    return new Totals(income, costs, net, List.of(), List.of());
  }

  @Test
  void portfolioTotalsAreTheSumOfItsAssets() {
    ModelRun stormwater =
        ModelEvaluator.evaluate(
            STORMWATER,
            "gi-rock-creek-a",
            List.of(
                observed("cso-events", "2025-01", 1, "1"),
                observed("volume-captured", "2025-01", 1, "100"),
                observed("cso-events", "2025-02", 1, "3"),
                observed("volume-captured", "2025-02", 1, "0"),
                observed("cso-events", "2025-03", 1, "4"),
                observed("volume-captured", "2025-03", 1, "50")),
            YearMonth.of(2025, 1),
            YearMonth.of(2025, 3));

    List<PortfolioStatement> quarters =
        Portfolio.quarterly("city-water", List.of(waterRun(), stormwater));

    PortfolioStatement q1 = quarters.get(0);
    assertThat(q1.assets())
        .extracting(Statement::assetId)
        .containsExactly("dma-north-hill", "gi-rock-creek-a");
    // stormwater Q1 income: avoided (3-1)*25000 + 0 + 0 = 50000; credits 50 + 0 + 25 = 75
    //   -> 50075.00; costs 3 * 4000 = 12000.00
    // portfolio: income 12924.76 + 50075.00 = 62999.76; costs 10799.92 + 12000.00 = 22799.92
    assertThat(q1.totals()).isEqualTo(totals(eur("62999.76"), eur("22799.92"), eur("40199.84")));
    // Q2: only the water district has April
    assertThat(quarters.get(1).assets())
        .extracting(Statement::assetId)
        .containsExactly("dma-north-hill");
  }

  @Test
  void aPortfolioHasOneCurrencyAndOnePeriod() {
    Statement january = Statements.monthly(waterRun()).get(0);
    Statement february = Statements.monthly(waterRun()).get(1);

    assertThatThrownBy(() -> Portfolio.of("p", List.of(january, february)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "portfolio p: asset dma-north-hill is for 2025-02 but asset dma-north-hill is for"
                + " 2025-01");
  }
}
