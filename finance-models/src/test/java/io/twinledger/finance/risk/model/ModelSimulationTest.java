package io.twinledger.finance.risk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.twinledger.finance.model.KpiCatalog;
import io.twinledger.finance.model.KpiObservation;
import io.twinledger.finance.model.LineValue;
import io.twinledger.finance.model.ModelDefinitions;
import io.twinledger.finance.model.ModelEvaluator;
import io.twinledger.finance.model.ModelRun;
import io.twinledger.finance.model.ModelValidator;
import io.twinledger.finance.model.PeriodValues;
import io.twinledger.finance.model.Templates;
import io.twinledger.finance.model.ValidatedModel;
import io.twinledger.finance.risk.fit.Ar1Process;
import io.twinledger.finance.risk.fit.BetaProcess;
import io.twinledger.finance.risk.fit.KpiProcess;
import io.twinledger.finance.risk.fit.LogNormalProcess;
import io.twinledger.finance.risk.fit.NormalProcess;
import io.twinledger.finance.risk.simulation.CancellationToken;
import io.twinledger.finance.risk.simulation.KpiThreshold;
import io.twinledger.finance.risk.simulation.MonteCarloEngine;
import io.twinledger.finance.risk.simulation.ProgressListener;
import io.twinledger.finance.risk.simulation.RiskReport;
import io.twinledger.finance.risk.simulation.SimulationOutcome;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelSimulationTest {

  private static final KpiCatalog CATALOG =
      KpiCatalog.of("nrw-volume", "MTQ", "real-losses", "MTQ", "nrw-percent", "P1", "v", "MTQ");
  private static final ValidatedModel WATER =
      ModelValidator.validated(Templates.load("water-nrw"), CATALOG);
  private static final YearMonth LAST_MONTH = YearMonth.of(2025, 12);

  @Test
  void theFitSkipsPartialMonthsAndSaysHowMany() {
    List<KpiObservation> history = new ArrayList<>();
    for (KpiObservation o : waterHistory(36, 1)) {
      boolean partial =
          o.kpiId().equals("nrw-volume")
              && (o.period().equals(YearMonth.of(2024, 2)) || o.period().equals(LAST_MONTH));
      history.add(
          new KpiObservation(
              o.kpiId(),
              o.period(),
              o.revision(),
              o.value(),
              o.unit(),
              o.evidence(),
              Optional.of(new BigDecimal(partial ? "50" : "90"))));
    }

    ModelSimulation simulation = ModelSimulation.prepare(WATER, history, scenario(1_000, 5, 7, 0));

    KpiAssumption nrw = simulation.kpis().get(0);
    assertThat(nrw.kpiId()).isEqualTo("nrw-volume");
    assertThat(nrw.months()).isEqualTo(34);
    assertThat(nrw.partialMonthsSkipped()).containsExactly(YearMonth.of(2024, 2), LAST_MONTH);
    assertThat(nrw.lastMonth()).isEqualTo(LAST_MONTH.minusMonths(1));
    // 90 % is not under the 90 % threshold: real-losses keeps every month
    assertThat(simulation.kpis().get(1).months()).isEqualTo(36);
    assertThat(simulation.kpis().get(1).partialMonthsSkipped()).isEmpty();
  }

  @Test
  void meanNpvMatchesTheNpvOfTheMeanPath() {
    ModelSimulation simulation =
        ModelSimulation.prepare(WATER, waterHistory(60, 1), scenario(20_000, 30, 7, 0));
    RiskReport report = new MonteCarloEngine(2).run(simulation.spec(), simulation.cashFlows());

    assertThat(simulation.firstMonth()).isEqualTo(YearMonth.of(2026, 1));
    assertThat(simulation.kpis())
        .extracting(KpiAssumption::kpiId)
        .containsExactly("nrw-volume", "real-losses", "nrw-percent");
    assertThat(simulation.kpis())
        .extracting(KpiAssumption::readByModel)
        .containsExactly(true, true, false);
    KpiProcess nrw = simulation.kpis().get(0).annual();
    KpiProcess realLosses = simulation.kpis().get(1).annual();
    double nrwMean = simulation.kpis().get(0).startValue();
    double realMean = simulation.kpis().get(1).startValue();
    double analytic = 0;
    for (int t = 0; t < 30; t++) {
      nrwMean = expected(nrw, nrwMean);
      realMean = expected(realLosses, realMean);
      // Twelve months of (baseline − NRW) · (tariff − contractor rate) − real losses · cost; the
      // NRW volume stays far below the 12,000 m³ baseline, so max(0, …) never binds.
      double year = 12 * ((12_000 - nrwMean) * (2.35 - 0.80) - realMean * 0.40);
      analytic += year / Math.pow(1.06, t + 1);
    }
    double mean = report.npv().mean().amount().doubleValue();
    double standardError =
        report.npv().standardDeviation().amount().doubleValue() / Math.sqrt(report.paths());
    assertThat(mean).isCloseTo(analytic, within(4 * standardError));
    // At the true means (NRW 9,000 m³, real losses 5,000 m³) the year is 31,800 EUR; 30 years at
    // 6 % (annuity factor 13.7648) about 437,700 EUR. The fitted means differ a little.
    assertThat(analytic).isCloseTo(437_700, within(40_000.0));
    assertThat(report.dscrBreach().hits()).isZero();
  }

  @Test
  void sameSeedGivesTheSameReportAndAnotherSeedAnother() {
    RiskReport first =
        run(ModelSimulation.prepare(WATER, waterHistory(36, 3), scenario(5_000, 20, 42, 30_000)));
    RiskReport again =
        run(ModelSimulation.prepare(WATER, waterHistory(36, 3), scenario(5_000, 20, 42, 30_000)));
    RiskReport other =
        run(ModelSimulation.prepare(WATER, waterHistory(36, 3), scenario(5_000, 20, 43, 30_000)));

    assertThat(again).isEqualTo(first);
    // One model instance shared by two workers gives what one worker gives: no state leaks between
    // threads or paths.
    ModelSimulation shared =
        ModelSimulation.prepare(WATER, waterHistory(36, 3), scenario(5_000, 20, 42, 30_000));
    assertThat(new MonteCarloEngine(1).run(shared.spec(), shared.cashFlows())).isEqualTo(first);
    assertThat(other.npv().mean()).isNotEqualTo(first.npv().mean());
    // CFADS about 31,800 a year against 30,000 of debt service at a 1.2 covenant: most paths
    // breach.
    assertThat(first.dscrBreach().probability()).isGreaterThan(0.5);
    assertThat(first.thresholds()).hasSize(1);
    assertThat(first.thresholds().getFirst().crossed().probability()).isBetween(0.01, 0.99);
  }

  @Test
  void aCancelledRunStopsEarly() {
    ModelSimulation simulation =
        ModelSimulation.prepare(WATER, waterHistory(24, 5), scenario(200_000, 30, 1, 0));
    CancellationToken cancellation = new CancellationToken();
    ProgressListener cancelAfterFirstBlock = (done, total) -> cancellation.cancel();

    SimulationOutcome outcome =
        simulation.run(new MonteCarloEngine(2), cancelAfterFirstBlock, cancellation);

    assertThat(outcome).isInstanceOf(SimulationOutcome.Cancelled.class);
    SimulationOutcome.Cancelled cancelled = (SimulationOutcome.Cancelled) outcome;
    assertThat(cancelled.pathsDone()).isLessThan(cancelled.totalPaths());
    assertThat(cancelled.totalPaths()).isEqualTo(200_000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025-12", "2027-06", "2023-02"})
  void yearlyCashFlowsAreTheExactEvaluatorsTwelveMonths(String lastObserved) {
    ValidatedModel model =
        ModelValidator.validated(
            ModelDefinitions.parseYaml(
                """
                id: mapping
                version: 1
                name: Days, lags and financing
                assetClass: TEST
                currency: EUR
                parameters:
                  yearly-fee: {value: 120000, unit: EUR}
                  price: {value: 2, unit: EUR/MTQ}
                lines:
                  - {id: fee, kind: REVENUE, label: Fee, formula: "daysInPeriod() / daysInYear() * param('yearly-fee')"}
                  - {id: lagged, kind: DEDUCTION, label: Lagged, formula: "kpi('v', lag=1) * param('price')"}
                  - {id: volume, kind: MEMO, label: Volume, unit: MTQ, formula: "kpi('v')"}
                  - {id: upkeep, kind: OPERATING_COST, label: Upkeep, formula: "line('volume') * param('price') / 4"}
                  - {id: interest, kind: FINANCING, label: Interest, formula: "kpi('v') * param('price')"}
                """),
            CATALOG);
    YearMonth last = YearMonth.parse(lastObserved);
    List<KpiObservation> history = new ArrayList<>();
    for (int m = 0; m < 14; m++) {
      history.add(observation("v", last.minusMonths(13 - m), 1, 100 + 7 * m));
    }
    ModelSimulation simulation =
        ModelSimulation.prepare(model, history, scenario(1, 3, 1, 1_000, List.of()));
    double[][] path = {{1_000, 2_500, 4_000}};
    double[] cashFlows = new double[3];
    double[] debtService = new double[3];

    simulation.cashFlows().evaluate(path, cashFlows, debtService);

    // The same path as monthly observations: the last observed month, then twelve months per year.
    List<KpiObservation> months = new ArrayList<>(List.of(observation("v", last, 1, 100 + 7 * 13)));
    for (int t = 0; t < 3; t++) {
      for (int m = 0; m < 12; m++) {
        months.add(observation("v", last.plusMonths(1 + 12 * t + m), 1, path[0][t]));
      }
    }
    ModelRun exact =
        ModelEvaluator.evaluate(model, "asset", months, last.plusMonths(1), last.plusMonths(36));
    assertThat(simulation.firstMonth()).isEqualTo(last.plusMonths(1));
    for (int t = 0; t < 3; t++) {
      double net = 0;
      double financing = 0;
      for (PeriodValues month : exact.periods().subList(12 * t, 12 * t + 12)) {
        net += amount(month, "fee") - amount(month, "lagged") - amount(month, "upkeep");
        financing += amount(month, "interest");
      }
      assertThat(cashFlows[t]).as("year %d", t).isCloseTo(net, within(1e-6));
      assertThat(debtService[t]).as("year %d", t).isCloseTo(1_000 + financing, within(1e-6));
    }
  }

  @Test
  void latestRevisionsCountAndMonthsWithoutValueDoNot() {
    List<KpiObservation> history = new ArrayList<>(waterHistory(16, 9));
    YearMonth last = LAST_MONTH;
    // A late re-close replaces the last month's value; an empty latest revision drops a month.
    history.add(observation("nrw-volume", last, 2, 9_999));
    history.add(
        new KpiObservation(
            "real-losses", last.minusMonths(3), 2, Optional.empty(), "MTQ", List.of()));
    // Observations in another unit of the same dimension are converted: 5,100,000 L = 5,100 m³.
    history.add(observation("real-losses", last, 3, 5_100_000, "LTR"));

    ModelSimulation simulation = ModelSimulation.prepare(WATER, history, scenario(10, 1, 1, 0));

    KpiAssumption nrw = simulation.kpis().get(0);
    KpiAssumption realLosses = simulation.kpis().get(1);
    assertThat(nrw.months()).isEqualTo(16);
    assertThat(nrw.startValue()).isEqualTo(9_999);
    assertThat(realLosses.months()).isEqualTo(15);
    assertThat(realLosses.startValue()).isCloseTo(5_100, within(1e-9));
    assertThat(nrw.fit()).isPresent();
    assertThat(nrw.readByModel()).isTrue();
  }

  @Test
  void aHistoryTooShortOnceItsPartialMonthsAreLeftOutSaysSo() {
    List<KpiObservation> history = new ArrayList<>();
    for (KpiObservation o : waterHistory(12, 3)) {
      boolean partial = o.kpiId().equals("real-losses") && o.period().equals(LAST_MONTH);
      history.add(
          new KpiObservation(
              o.kpiId(),
              o.period(),
              o.revision(),
              o.value(),
              o.unit(),
              o.evidence(),
              Optional.of(new BigDecimal(partial ? "89.99" : "100"))));
    }

    assertThatThrownBy(() -> ModelSimulation.prepare(WATER, history, scenario(10, 1, 1, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "KPI 'real-losses' has 11 months of history (2025-01 to 2025-11) after leaving out 1"
                + " partial month [2025-12]; a risk simulation needs at least 12 months with a"
                + " value");
  }

  @Test
  void tooShortAHistoryNamesTheKpiAndItsMonths() {
    List<KpiObservation> history = new ArrayList<>(waterHistory(24, 11));
    history.removeIf(
        o -> o.kpiId().equals("real-losses") && o.period().isBefore(YearMonth.of(2025, 6)));

    assertThatThrownBy(() -> ModelSimulation.prepare(WATER, history, scenario(10, 1, 1, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "KPI 'real-losses' has 7 months of history (2025-06 to 2025-12); a risk simulation"
                + " needs at least 12 months with a value");
    List<KpiObservation> withThreshold = waterHistory(24, 11);
    assertThatThrownBy(
            () ->
                ModelSimulation.prepare(
                    WATER,
                    withThreshold.stream().filter(o -> !o.kpiId().equals("nrw-percent")).toList(),
                    scenario(10, 1, 1, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KPI 'nrw-percent' has 0 months of history;");
  }

  @Test
  void aConstantHistoryIsSimulatedAsThatConstant() {
    List<KpiObservation> history = new ArrayList<>(waterHistory(24, 17));
    history.removeIf(o -> o.kpiId().equals("nrw-percent"));
    for (int m = 0; m < 24; m++) {
      history.add(observation("nrw-percent", LAST_MONTH.minusMonths(m), 1, 22, "P1"));
    }

    ModelSimulation simulation = ModelSimulation.prepare(WATER, history, scenario(2_000, 10, 5, 0));
    RiskReport report = run(simulation);

    KpiAssumption constant = simulation.kpis().get(2);
    assertThat(constant.fit()).isEmpty();
    assertThat(constant.annual()).isEqualTo(new NormalProcess(22, 0));
    assertThat(simulation.spec().correlation().get(0, 2)).isZero();
    assertThat(simulation.spec().correlation().get(1, 2)).isZero();
    assertThat(report.thresholds().getFirst().crossed().hits()).isZero();
  }

  @Test
  void aThresholdOutsideTheCatalogIsRefused() {
    RiskScenario scenario =
        new RiskScenario(
            10,
            1,
            1,
            new BigDecimal("0.06"),
            BigDecimal.ZERO,
            BigDecimal.ONE,
            List.of(new KpiThreshold("pressure", KpiThreshold.Direction.BELOW, 2)));

    assertThatThrownBy(() -> ModelSimulation.prepare(WATER, waterHistory(24, 1), scenario))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "threshold on KPI 'pressure', which is not in the asset's KPI catalog");
  }

  @Test
  void correlatedInnovationsAreEstimatedAndCarriedToYears() {
    ModelSimulation simulation =
        ModelSimulation.prepare(WATER, waterHistory(240, 13), scenario(10, 1, 1, 0));

    // Innovations correlated at 0.5 (se about 0.05 over 239 months); real losses are AR(1) with
    // φ = 0.5, so the annual correlation is 0.5 · 1 / √(1 / (1 − 0.25)) ≈ 0.43 (√0.75).
    KpiAssumption realLosses = simulation.kpis().get(1);
    assertThat(realLosses.monthly()).isInstanceOf(Ar1Process.class);
    double phi = ((Ar1Process) realLosses.monthly()).phi();
    assertThat(phi).isCloseTo(0.5, within(0.15));
    double monthly = simulation.spec().correlation().get(0, 1) / Math.sqrt(1 - phi * phi);
    assertThat(simulation.spec().correlation().get(0, 1)).isCloseTo(0.43, within(0.12));
    assertThat(monthly).isCloseTo(0.5, within(0.15));
    Ar1Process annual = (Ar1Process) realLosses.annual();
    assertThat(annual.phi()).isCloseTo(Math.pow(phi, 12), within(1e-12));
    assertThat(annual.longRunMean())
        .isCloseTo(((Ar1Process) realLosses.monthly()).longRunMean(), within(1e-6));
  }

  private static RiskReport run(ModelSimulation simulation) {
    return new MonteCarloEngine(2).run(simulation.spec(), simulation.cashFlows());
  }

  private static RiskScenario scenario(int paths, int years, long seed, int debtService) {
    return scenario(
        paths,
        years,
        seed,
        debtService,
        List.of(new KpiThreshold("nrw-percent", KpiThreshold.Direction.ABOVE, 25)));
  }

  private static RiskScenario scenario(
      int paths, int years, long seed, int debtService, List<KpiThreshold> thresholds) {
    return new RiskScenario(
        paths,
        years,
        seed,
        new BigDecimal("0.06"),
        BigDecimal.valueOf(debtService),
        new BigDecimal("1.2"),
        thresholds);
  }

  /**
   * Monthly history ending {@link #LAST_MONTH}: NRW volume normal around 9,000 m³ (sd 600), real
   * losses AR(1) {@code 2,500 + 0.5x + 300ε} around 5,000 m³, innovations correlated at 0.5; NRW in
   * percent normal around 22 (sd 2).
   */
  private static List<KpiObservation> waterHistory(int months, long seed) {
    RandomGenerator random = new Well19937c(seed);
    List<KpiObservation> history = new ArrayList<>();
    double realLosses = 5_000;
    for (int m = 0; m < months; m++) {
      YearMonth month = LAST_MONTH.minusMonths(months - 1 - m);
      double u = random.nextGaussian();
      double v = 0.5 * u + Math.sqrt(0.75) * random.nextGaussian();
      realLosses = 2_500 + 0.5 * realLosses + 300 * v;
      history.add(observation("nrw-volume", month, 1, 9_000 + 600 * u));
      history.add(observation("real-losses", month, 1, realLosses));
      history.add(observation("nrw-percent", month, 1, 22 + 2 * random.nextGaussian(), "P1"));
    }
    return history;
  }

  private static KpiObservation observation(
      String kpi, YearMonth month, int revision, double value) {
    return observation(kpi, month, revision, value, "MTQ");
  }

  private static KpiObservation observation(
      String kpi, YearMonth month, int revision, double value, String unit) {
    return new KpiObservation(
        kpi, month, revision, Optional.of(BigDecimal.valueOf(value)), unit, List.of("ab12"));
  }

  private static double expected(KpiProcess process, double previous) {
    return switch (process) {
      case NormalProcess normal -> normal.mean();
      case LogNormalProcess logNormal ->
          Math.exp(logNormal.mu() + logNormal.sigma() * logNormal.sigma() / 2);
      case BetaProcess beta -> beta.alpha() / (beta.alpha() + beta.beta());
      case Ar1Process ar1 -> ar1.intercept() + ar1.phi() * previous;
    };
  }

  private static double amount(PeriodValues month, String line) {
    return month.line(line).flatMap(LineValue::value).orElseThrow().doubleValue();
  }
}
