package io.twinledger.finance.risk.simulation;

import io.twinledger.finance.risk.fit.CorrelationMatrix;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * What to simulate: the KPIs and how they co-move, how many paths of how many annual periods, from
 * which seed, and what to measure on each path.
 *
 * <p>Conventions: periods are years; cash flows fall at the end of each year and are discounted
 * with annual compounding, {@code NPV = Σ_{t=1..T} CF_t / (1 + r)^t}; there is no time-0 flow. DSCR
 * in a period is {@code CFADS / debt service}, defined only where debt service is above zero, and a
 * path breaches the covenant if DSCR is below it in any such period.
 *
 * <p>Paths are drawn in blocks of {@code blockSize}; each block has its own generator seeded from
 * ({@code seed}, block index). The results therefore depend on the seed and the block size but not
 * on how many threads run the blocks.
 *
 * @param kpis the simulated KPIs, in the order of the correlation matrix
 * @param correlation the correlation of the KPIs' innovations
 * @param paths the number of paths, at least 1
 * @param periods the annual periods per path, at least 1
 * @param seed the seed of every draw
 * @param blockSize paths per seeded block, at least 1
 * @param discountRate the annual discount rate as a fraction (0.06 for 6 %), above −1
 * @param dscrCovenant the minimum DSCR, zero or more
 * @param thresholds the KPI levels whose crossing is counted
 * @param currency the currency of the model's cash flows; it must have a minor unit
 * @param histogramBins the number of NPV histogram bins, at least 1
 */
public record SimulationSpec(
    List<SimulatedKpi> kpis,
    CorrelationMatrix correlation,
    int paths,
    int periods,
    long seed,
    int blockSize,
    BigDecimal discountRate,
    BigDecimal dscrCovenant,
    List<KpiThreshold> thresholds,
    Currency currency,
    int histogramBins) {

  /** The block size used unless there is a reason to change it: 1,000 paths. */
  public static final int DEFAULT_BLOCK_SIZE = 1000;

  public SimulationSpec {
    kpis = List.copyOf(kpis);
    Objects.requireNonNull(correlation, "correlation");
    Objects.requireNonNull(discountRate, "discountRate");
    Objects.requireNonNull(dscrCovenant, "dscrCovenant");
    thresholds = List.copyOf(thresholds);
    Objects.requireNonNull(currency, "currency");
    if (currency.getDefaultFractionDigits() < 0) {
      throw new IllegalArgumentException(
          "currency " + currency + " has no minor unit to round reported amounts to");
    }
    List<String> names = kpis.stream().map(SimulatedKpi::name).toList();
    if (!names.equals(correlation.names())) {
      throw new IllegalArgumentException(
          "KPIs " + names + " do not match the correlation matrix's " + correlation.names());
    }
    requireAtLeastOne("paths", paths);
    requireAtLeastOne("periods", periods);
    requireAtLeastOne("blockSize", blockSize);
    requireAtLeastOne("histogramBins", histogramBins);
    if (discountRate.compareTo(BigDecimal.ONE.negate()) <= 0) {
      throw new IllegalArgumentException("discount rate must be above -1, was " + discountRate);
    }
    if (dscrCovenant.signum() < 0) {
      throw new IllegalArgumentException("DSCR covenant must be zero or more, was " + dscrCovenant);
    }
    for (KpiThreshold threshold : thresholds) {
      if (!names.contains(threshold.kpi())) {
        throw new IllegalArgumentException(
            "threshold on unknown KPI '" + threshold.kpi() + "'; KPIs are " + names);
      }
    }
  }

  /** The same specification with another seed. */
  public SimulationSpec withSeed(long newSeed) {
    return new SimulationSpec(
        kpis,
        correlation,
        paths,
        periods,
        newSeed,
        blockSize,
        discountRate,
        dscrCovenant,
        thresholds,
        currency,
        histogramBins);
  }

  /** The same specification with another number of paths. */
  public SimulationSpec withPaths(int newPaths) {
    return new SimulationSpec(
        kpis,
        correlation,
        newPaths,
        periods,
        seed,
        blockSize,
        discountRate,
        dscrCovenant,
        thresholds,
        currency,
        histogramBins);
  }

  /** The number of seeded blocks, {@code ceil(paths / blockSize)}. */
  public int blocks() {
    return (paths + blockSize - 1) / blockSize;
  }

  private static void requireAtLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
  }
}
