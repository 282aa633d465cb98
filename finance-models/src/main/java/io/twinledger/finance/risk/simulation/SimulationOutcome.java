package io.twinledger.finance.risk.simulation;

import java.util.Objects;

/** How a simulation run ended: with a report, or cancelled part-way. */
public sealed interface SimulationOutcome {

  /**
   * Every path was simulated.
   *
   * @param report the estimates
   */
  record Completed(RiskReport report) implements SimulationOutcome {
    public Completed {
      Objects.requireNonNull(report, "report");
    }
  }

  /**
   * The run was cancelled (or its thread interrupted) before every path was simulated; partial
   * results are discarded because a subset of blocks is not a clean sample of the seed's paths.
   *
   * @param pathsDone the paths finished before the workers stopped
   * @param totalPaths the paths asked for
   */
  record Cancelled(long pathsDone, long totalPaths) implements SimulationOutcome {}
}
