package io.twinledger.finance.risk.simulation;

import java.util.Objects;

/**
 * How often a KPI threshold was crossed.
 *
 * @param threshold the threshold
 * @param crossed the paths on which the KPI crossed it in at least one period
 */
public record ThresholdResult(KpiThreshold threshold, EstimatedProbability crossed) {

  public ThresholdResult {
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(crossed, "crossed");
  }
}
