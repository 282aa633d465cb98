package io.twinledger.finance.risk.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.risk.fit.Ar1Process;
import io.twinledger.finance.risk.fit.CorrelationMatrix;
import io.twinledger.finance.risk.fit.KpiProcess;
import io.twinledger.finance.risk.fit.NormalProcess;
import io.twinledger.finance.risk.sample.WaterNrwSample;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;

class MonteCarloEngineTest {

  private static final PathCashFlows KPI_IS_CASH_FLOW =
      (kpiPath, cashFlows, debtService) -> System.arraycopy(kpiPath[0], 0, cashFlows, 0, 3);

  @Test
  void sameSeedGivesIdenticalReportsWithOneAndTwoThreads() {
    SimulationSpec spec = WaterNrwSample.spec(20_500, 30, 42);
    RiskReport oneThread = new MonteCarloEngine(1).run(spec, WaterNrwSample.asset());
    RiskReport twoThreads = new MonteCarloEngine(2).run(spec, WaterNrwSample.asset());
    RiskReport threeThreads = new MonteCarloEngine(3).run(spec, WaterNrwSample.asset());

    assertThat(twoThreads).isEqualTo(oneThread);
    assertThat(threeThreads).isEqualTo(oneThread);
    assertThat(oneThread.seed()).isEqualTo(42);
    assertThat(oneThread.paths()).isEqualTo(20_500);
    RiskReport otherSeed = new MonteCarloEngine(2).run(spec.withSeed(43), WaterNrwSample.asset());
    assertThat(otherSeed.npv().mean()).isNotEqualTo(oneThread.npv().mean());
  }

  @Test
  void drawsFollowTheTargetCorrelation() {
    double rho = 0.7;
    List<String> names = List.of("a", "b");
    SimulationSpec spec =
        new SimulationSpec(
            List.of(
                new SimulatedKpi("a", new NormalProcess(0, 1), 0),
                new SimulatedKpi("b", new NormalProcess(5, 2), 0)),
            new CorrelationMatrix(names, new double[][] {{1, rho}, {rho, 1}}),
            4000,
            5,
            7,
            SimulationSpec.DEFAULT_BLOCK_SIZE,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            List.of(),
            Money.currency("EUR"),
            10);
    double[][] draws = new double[4000 * 5][2];
    AtomicLong next = new AtomicLong();
    // One thread, so this test model may keep state.
    PathCashFlows recorder =
        (kpiPath, cashFlows, debtService) -> {
          for (int t = 0; t < 5; t++) {
            int row = (int) next.getAndIncrement();
            draws[row][0] = kpiPath[0][t];
            draws[row][1] = kpiPath[1][t];
          }
        };
    new MonteCarloEngine(1).run(spec, recorder);

    // 20,000 pairs: se of r ≈ (1 − ρ²) / √20,000 ≈ 0.0036.
    double estimated = new PearsonsCorrelation(draws).getCorrelationMatrix().getEntry(0, 1);
    assertThat(estimated).isCloseTo(rho, within(0.015));
    double sumB = 0;
    for (double[] draw : draws) {
      sumB += draw[1];
    }
    // mean of b: 5, se 2 / √20,000 ≈ 0.014.
    assertThat(sumB / draws.length).isCloseTo(5, within(0.06));
  }

  @Test
  void zeroVarianceGivesTheClosedFormNpv() {
    // 1,000 at the end of each of 3 years at 10 %: 1000 · (1 − 1.1⁻³) / 0.1 = 2486.852… EUR.
    SimulationSpec spec = deterministic(new NormalProcess(1000, 0), 0, 1000, 0.10);
    RiskReport report = new MonteCarloEngine(2).run(spec, KPI_IS_CASH_FLOW);

    assertThat(report.npv().mean()).isEqualTo(Money.of("EUR", "2486.85"));
    assertThat(report.npv().standardDeviation()).isEqualTo(Money.of("EUR", "0"));
    assertThat(report.npv().percentiles())
        .allSatisfy(p -> assertThat(p.value()).isEqualTo(Money.of("EUR", "2486.85")));
    assertThat(report.npv().histogram())
        .containsExactly(
            new HistogramBin(Money.of("EUR", "2486.85"), Money.of("EUR", "2486.85"), 2500));
  }

  @Test
  void zeroVarianceAutoregressionStartsFromTheStartValue() {
    // x_t = 50 + 0.5 x_{t−1} from 0: 50, 75, 87.5.
    // NPV at 10 %: 50 / 1.1 + 75 / 1.21 + 87.5 / 1.331 = 45.4545 + 61.9835 + 65.7400 = 173.18.
    SimulationSpec spec = deterministic(new Ar1Process(50, 0.5, 0), 0, 1000, 0.10);
    RiskReport report = new MonteCarloEngine(1).run(spec, KPI_IS_CASH_FLOW);
    assertThat(report.npv().mean()).isEqualTo(Money.of("EUR", "173.18"));
  }

  @Test
  void dscrBreachProbabilityIsZeroOrOneInConstructedCases() {
    // CFADS 1.5 against debt service 1.0 every year: DSCR 1.5.
    PathCashFlows dscrOneAndAHalf =
        (kpiPath, cashFlows, debtService) -> {
          for (int t = 0; t < cashFlows.length; t++) {
            cashFlows[t] = 1.5 * kpiPath[0][t];
            debtService[t] = kpiPath[0][t];
          }
        };
    MonteCarloEngine engine = new MonteCarloEngine(2);
    SimulationSpec base = deterministic(new NormalProcess(1_000_000, 0), 0, 1000, 0.05);

    assertThat(engine.run(withCovenant(base, "1.25"), dscrOneAndAHalf).dscrBreach())
        .isEqualTo(new EstimatedProbability(0, 2500));
    assertThat(engine.run(withCovenant(base, "1.5"), dscrOneAndAHalf).dscrBreach().hits())
        .as("DSCR equal to the covenant is no breach")
        .isZero();
    assertThat(engine.run(withCovenant(base, "1.75"), dscrOneAndAHalf).dscrBreach())
        .isEqualTo(new EstimatedProbability(2500, 2500));
  }

  @Test
  void periodsWithoutDebtServiceNeverBreach() {
    PathCashFlows noDebt = (kpiPath, cashFlows, debtService) -> cashFlows[0] = -5;
    SimulationSpec spec =
        withCovenant(deterministic(new NormalProcess(1, 0), 0, 1000, 0.05), "1.25");
    assertThat(new MonteCarloEngine(1).run(spec, noDebt).dscrBreach().hits()).isZero();
  }

  @Test
  void thresholdCrossingCountsPathsThatCrossInAnyPeriod() {
    // x: 50, 75, 87.5 on every path.
    SimulationSpec crossed =
        withThreshold(
            deterministic(new Ar1Process(50, 0.5, 0), 0, 100, 0.0),
            new KpiThreshold("x", KpiThreshold.Direction.ABOVE, 80));
    SimulationSpec notCrossed =
        withThreshold(
            deterministic(new Ar1Process(50, 0.5, 0), 0, 100, 0.0),
            new KpiThreshold("x", KpiThreshold.Direction.BELOW, 50));
    MonteCarloEngine engine = new MonteCarloEngine(2);

    assertThat(engine.run(crossed, KPI_IS_CASH_FLOW).thresholds().getFirst().crossed())
        .isEqualTo(new EstimatedProbability(2500, 2500));
    assertThat(engine.run(notCrossed, KPI_IS_CASH_FLOW).thresholds().getFirst().crossed())
        .isEqualTo(new EstimatedProbability(0, 2500));
  }

  @Test
  void thresholdProbabilityMatchesTheNormalTail() {
    // One period of N(0, 1): P(x > 1) = 1 − Φ(1) = 0.158655; se √(0.1587 · 0.8413 / 40,000) ≈
    // 0.0018.
    SimulationSpec spec =
        withThreshold(
            new SimulationSpec(
                List.of(new SimulatedKpi("x", new NormalProcess(0, 1), 0)),
                CorrelationMatrix.independent(List.of("x")),
                40_000,
                1,
                99,
                SimulationSpec.DEFAULT_BLOCK_SIZE,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                List.of(),
                Money.currency("EUR"),
                10),
            new KpiThreshold("x", KpiThreshold.Direction.ABOVE, 1));
    double probability =
        new MonteCarloEngine(2)
            .run(spec, (k, c, d) -> {})
            .thresholds()
            .getFirst()
            .crossed()
            .probability();
    assertThat(probability).isCloseTo(0.158655, within(0.008));
  }

  @Test
  void progressRisesOneBlockAtATimeToTheTotal() {
    List<long[]> calls = new ArrayList<>();
    SimulationSpec spec = WaterNrwSample.spec(10_500, 10, 1);
    SimulationOutcome outcome =
        new MonteCarloEngine(2)
            .run(
                spec,
                WaterNrwSample.asset(),
                (done, total) -> calls.add(new long[] {done, total}),
                new CancellationToken());

    assertThat(outcome).isInstanceOf(SimulationOutcome.Completed.class);
    assertThat(calls).hasSize(11);
    assertThat(calls.getLast()).containsExactly(10_500, 10_500);
    for (int i = 1; i < calls.size(); i++) {
      assertThat(calls.get(i)[0]).isGreaterThan(calls.get(i - 1)[0]);
    }
  }

  @Test
  void cancellationStopsALongRun() {
    // 50 million paths would take minutes; the listener cancels after the first 5,000.
    SimulationSpec spec = WaterNrwSample.spec(50_000_000, 30, 1);
    CancellationToken token = new CancellationToken();
    long start = System.nanoTime();
    SimulationOutcome outcome =
        new MonteCarloEngine(2)
            .run(
                spec,
                WaterNrwSample.asset(),
                (done, total) -> {
                  if (done >= 5000) {
                    token.cancel();
                  }
                },
                token);

    assertThat(outcome).isInstanceOf(SimulationOutcome.Cancelled.class);
    SimulationOutcome.Cancelled cancelled = (SimulationOutcome.Cancelled) outcome;
    assertThat(cancelled.totalPaths()).isEqualTo(50_000_000);
    // Each of the two workers finishes at most the block it is on.
    assertThat(cancelled.pathsDone()).isBetween(5000L, 7000L);
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
  }

  @Test
  void cancelledBeforeStartDoesNoWork() {
    CancellationToken token = new CancellationToken();
    token.cancel();
    assertThat(
            new MonteCarloEngine(1)
                .run(
                    WaterNrwSample.spec(10_000, 5, 1),
                    WaterNrwSample.asset(),
                    ProgressListener.NONE,
                    token))
        .isEqualTo(new SimulationOutcome.Cancelled(0, 10_000));
  }

  @Test
  void failingModelIsReportedWithItsPath() {
    PathCashFlows failing =
        (kpiPath, cashFlows, debtService) -> {
          throw new ArithmeticException("boom");
        };
    assertThatThrownBy(() -> new MonteCarloEngine(2).run(WaterNrwSample.spec(5000, 5, 1), failing))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageMatching("cash-flow model failed on path \\d+ \\(block \\d\\)")
        .hasRootCauseMessage("boom");
  }

  @Test
  void nonFiniteNpvIsRefused() {
    PathCashFlows logOfNegative =
        (kpiPath, cashFlows, debtService) -> cashFlows[0] = Math.log(-kpiPath[0][0]);
    assertThatThrownBy(
            () ->
                new MonteCarloEngine(1)
                    .run(deterministic(new NormalProcess(1, 0), 0, 10, 0), logOfNegative))
        .hasMessage(
            "cash-flow model gave a non-finite NPV (NaN) on path 0 (block 0): check it for KPI"
                + " values outside its domain");
  }

  @Test
  void specRefusesThresholdOnUnknownKpi() {
    assertThatThrownBy(
            () ->
                withThreshold(
                    deterministic(new NormalProcess(1, 0), 0, 10, 0),
                    new KpiThreshold("nrw", KpiThreshold.Direction.ABOVE, 0.25)))
        .hasMessage("threshold on unknown KPI 'nrw'; KPIs are [x]");
  }

  /** One KPI "x", 2,500 paths of 3 years in blocks of {@code blockSize}, no covenant. */
  private static SimulationSpec deterministic(
      KpiProcess process, double start, int blockSize, double rate) {
    return new SimulationSpec(
        List.of(new SimulatedKpi("x", process, start)),
        CorrelationMatrix.independent(List.of("x")),
        2500,
        3,
        1,
        blockSize,
        BigDecimal.valueOf(rate),
        BigDecimal.ZERO,
        List.of(),
        Money.currency("EUR"),
        20);
  }

  private static SimulationSpec withCovenant(SimulationSpec spec, String covenant) {
    return new SimulationSpec(
        spec.kpis(),
        spec.correlation(),
        spec.paths(),
        spec.periods(),
        spec.seed(),
        spec.blockSize(),
        spec.discountRate(),
        new BigDecimal(covenant),
        spec.thresholds(),
        spec.currency(),
        spec.histogramBins());
  }

  private static SimulationSpec withThreshold(SimulationSpec spec, KpiThreshold threshold) {
    return new SimulationSpec(
        spec.kpis(),
        spec.correlation(),
        spec.paths(),
        spec.periods(),
        spec.seed(),
        spec.blockSize(),
        spec.discountRate(),
        spec.dscrCovenant(),
        List.of(threshold),
        spec.currency(),
        spec.histogramBins());
  }
}
