package io.twinledger.finance.risk.simulation;

import java.util.Objects;

/**
 * A level a KPI should not cross in any simulated period, such as non-revenue water above 25 %.
 *
 * @param kpi the KPI's name
 * @param direction whether crossing means going above or below the level
 * @param level the level, in the KPI's unit; reaching it exactly is not a crossing
 */
public record KpiThreshold(String kpi, Direction direction, double level) {

  /** Which side of the level counts as a crossing. */
  public enum Direction {
    ABOVE,
    BELOW
  }

  public KpiThreshold {
    Objects.requireNonNull(kpi, "kpi");
    Objects.requireNonNull(direction, "direction");
    if (!Double.isFinite(level)) {
      throw new IllegalArgumentException(
          "threshold level for KPI '" + kpi + "' must be a finite number, was " + level);
    }
  }

  /** Whether {@code value} lies beyond the level. */
  public boolean isCrossedBy(double value) {
    return direction == Direction.ABOVE ? value > level : value < level;
  }
}
