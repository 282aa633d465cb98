package io.twinledger.finance.risk.model;

import io.twinledger.finance.risk.simulation.KpiThreshold;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What a caller asks of a risk simulation of a model: how many paths of how many years, from which
 * seed, at which discount rate, against which debt service and covenant, and which KPI levels to
 * watch. The remaining choices are the engine's defaults ({@link
 * io.twinledger.finance.risk.simulation.SimulationSpec#DEFAULT_BLOCK_SIZE}, {@value
 * #HISTOGRAM_BINS} histogram bins).
 *
 * @param paths the number of simulated paths, at least 1
 * @param years the simulated years per path, at least 1
 * @param seed the seed of every draw; equal seeds give equal reports
 * @param discountRate the annual discount rate as a fraction (0.06 for 6 %), above −1
 * @param annualDebtService the debt service due every year in the model's currency, zero or more;
 *     zero (and no {@code FINANCING} line in the model) means there is no DSCR to test
 * @param dscrCovenant the minimum DSCR, zero or more
 * @param thresholds KPI levels whose crossing in any simulated year is counted, each level in the
 *     KPI's catalog unit (25 for 25 % when the catalog has the KPI in percent)
 */
public record RiskScenario(
    int paths,
    int years,
    long seed,
    BigDecimal discountRate,
    BigDecimal annualDebtService,
    BigDecimal dscrCovenant,
    List<KpiThreshold> thresholds) {

  /** The number of equal-width bins of the NPV histogram. */
  public static final int HISTOGRAM_BINS = 40;

  public RiskScenario {
    Objects.requireNonNull(discountRate, "discountRate");
    Objects.requireNonNull(annualDebtService, "annualDebtService");
    Objects.requireNonNull(dscrCovenant, "dscrCovenant");
    thresholds = List.copyOf(thresholds);
    if (paths < 1) {
      throw new IllegalArgumentException("paths must be at least 1, was " + paths);
    }
    if (years < 1) {
      throw new IllegalArgumentException("years must be at least 1, was " + years);
    }
    if (annualDebtService.signum() < 0) {
      throw new IllegalArgumentException(
          "annual debt service must be zero or more, was " + annualDebtService);
    }
  }
}
