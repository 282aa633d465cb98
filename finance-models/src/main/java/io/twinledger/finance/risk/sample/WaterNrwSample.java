package io.twinledger.finance.risk.sample;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.risk.fit.Ar1Process;
import io.twinledger.finance.risk.fit.CorrelationMatrix;
import io.twinledger.finance.risk.fit.NormalProcess;
import io.twinledger.finance.risk.simulation.KpiThreshold;
import io.twinledger.finance.risk.simulation.SimulatedKpi;
import io.twinledger.finance.risk.simulation.SimulationSpec;
import java.math.BigDecimal;
import java.util.List;

/**
 * A ready-made water NRW case for tests, demonstrations and the benchmark. Its figures are
 * illustrative, not calibrated to a real utility:
 *
 * <ul>
 *   <li>tariff 2.35 EUR/m³, production cost 0.45 EUR/m³, 40 % of recovered water apparent losses;
 *   <li>baseline NRW 30 %; after the programme NRW follows an AR(1) reverting to 22 % ({@code x_t =
 *       0.088 + 0.6 x_{t−1} + 0.008 ε}) from 24 %;
 *   <li>system input normal, 20 million m³ a year, standard deviation 0.8 million;
 *   <li>innovation correlation 0.25 between the two (more water pushed through, more leakage);
 *   <li>contractor payment 300,000 EUR and debt service 1,000,000 EUR a year; DSCR covenant 1.15;
 *       discount rate 6 %; NRW above 25 % counted as a threshold crossing.
 * </ul>
 *
 * At the long-run means, CFADS = 0.08 · 20,000,000 · (0.4 · 2.35 + 0.6 · 0.45) − 300,000 =
 * 1,636,000 EUR a year, a DSCR of 1.636.
 */
public final class WaterNrwSample {

  private WaterNrwSample() {}

  public static WaterNrwAsset asset() {
    return new WaterNrwAsset(
        Money.of("EUR", "2.35"),
        Money.of("EUR", "0.45"),
        Money.of("EUR", "300000"),
        Money.of("EUR", "1000000"),
        0.30,
        0.40);
  }

  public static List<SimulatedKpi> kpis() {
    return List.of(
        new SimulatedKpi(WaterNrwAsset.NRW_SHARE_KPI, new Ar1Process(0.088, 0.6, 0.008), 0.24),
        new SimulatedKpi(
            WaterNrwAsset.SYSTEM_INPUT_KPI, new NormalProcess(20_000_000, 800_000), 20_000_000));
  }

  public static CorrelationMatrix correlation() {
    return new CorrelationMatrix(WaterNrwAsset.KPIS, new double[][] {{1, 0.25}, {0.25, 1}});
  }

  /** The sample case over {@code periods} years and {@code paths} paths from {@code seed}. */
  public static SimulationSpec spec(int paths, int periods, long seed) {
    return new SimulationSpec(
        kpis(),
        correlation(),
        paths,
        periods,
        seed,
        SimulationSpec.DEFAULT_BLOCK_SIZE,
        new BigDecimal("0.06"),
        new BigDecimal("1.15"),
        List.of(new KpiThreshold(WaterNrwAsset.NRW_SHARE_KPI, KpiThreshold.Direction.ABOVE, 0.25)),
        Money.currency("EUR"),
        40);
  }
}
