package io.twinledger.finance.risk.simulation;

import java.util.List;
import java.util.Objects;

/**
 * The estimates of a completed simulation. Equal seeds, specifications and models give equal
 * reports, whatever the number of threads.
 *
 * @param seed the seed the paths were drawn from
 * @param paths the paths simulated
 * @param periods the annual periods per path
 * @param blockSize the paths per independently seeded block
 * @param npv the NPV distribution of the cash flows available for debt service
 * @param dscrBreach the share of paths on which DSCR fell below the covenant in at least one period
 *     with debt service
 * @param thresholds for each KPI threshold, the share of paths that crossed it
 */
public record RiskReport(
    long seed,
    int paths,
    int periods,
    int blockSize,
    NpvDistribution npv,
    EstimatedProbability dscrBreach,
    List<ThresholdResult> thresholds) {

  public RiskReport {
    Objects.requireNonNull(npv, "npv");
    Objects.requireNonNull(dscrBreach, "dscrBreach");
    thresholds = List.copyOf(thresholds);
  }
}
