package io.twinledger.finance.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.risk.fit.CorrelationMatrix;
import io.twinledger.finance.risk.fit.FitReport;
import io.twinledger.finance.risk.fit.InnovationCorrelation;
import io.twinledger.finance.risk.fit.KpiFitter;
import io.twinledger.finance.risk.fit.KpiSeries;
import io.twinledger.finance.risk.sample.WaterNrwAsset;
import io.twinledger.finance.risk.sample.WaterNrwSample;
import io.twinledger.finance.risk.simulation.KpiThreshold;
import io.twinledger.finance.risk.simulation.MonteCarloEngine;
import io.twinledger.finance.risk.simulation.RiskReport;
import io.twinledger.finance.risk.simulation.SimulatedKpi;
import io.twinledger.finance.risk.simulation.SimulationSpec;
import java.math.BigDecimal;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** History in, risk report out: fit, correlate, simulate the sample asset. */
class RiskPipelineTest {

  @Test
  void fittedHistoryDrivesTheSimulation() {
    // 600 months of history from the sample's own processes, innovations correlated at 0.5.
    RandomGenerator random = new Well19937c(2026);
    int n = 600;
    double[] nrw = new double[n];
    double[] input = new double[n];
    double previous = 0.24;
    for (int t = 0; t < n; t++) {
      double u = random.nextGaussian();
      double v = 0.5 * u + Math.sqrt(0.75) * random.nextGaussian();
      previous = 0.088 + 0.6 * previous + 0.008 * u;
      nrw[t] = previous;
      input[t] = 20_000_000 + 800_000 * v;
    }
    KpiFitter fitter = new KpiFitter();
    FitReport nrwFit = fitter.fit(new KpiSeries(WaterNrwAsset.NRW_SHARE_KPI, nrw));
    FitReport inputFit = fitter.fit(new KpiSeries(WaterNrwAsset.SYSTEM_INPUT_KPI, input));
    CorrelationMatrix correlation = InnovationCorrelation.estimate(List.of(nrwFit, inputFit));

    assertThat(nrwFit.selected().process().family()).isEqualTo("ar1");
    // se of r over 599 innovations ≈ 0.75 / √599 ≈ 0.031.
    assertThat(correlation.get(0, 1)).isCloseTo(0.5, within(0.12));

    SimulationSpec spec =
        new SimulationSpec(
            List.of(SimulatedKpi.from(nrwFit), SimulatedKpi.from(inputFit)),
            correlation,
            5000,
            30,
            7,
            SimulationSpec.DEFAULT_BLOCK_SIZE,
            new BigDecimal("0.06"),
            new BigDecimal("1.15"),
            List.of(
                new KpiThreshold(WaterNrwAsset.NRW_SHARE_KPI, KpiThreshold.Direction.ABOVE, 0.25)),
            Money.currency("EUR"),
            40);
    RiskReport report = MonteCarloEngine.onAllProcessors().run(spec, WaterNrwSample.asset());

    // At the long-run means CFADS is 1,636,000 a year; 30 years at 6 % (annuity factor 13.7648)
    // give about 22.52 million. The fitted parameters differ a little from the true ones.
    assertThat(report.npv().mean().amount().doubleValue()).isCloseTo(22_520_000, within(1.5e6));
    assertThat(report.npv().mean().currency().getCurrencyCode()).isEqualTo("EUR");
    assertThat(report.thresholds()).hasSize(1);
  }
}
