package io.twinledger.twin.kpi.stormwater;

import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Volume a combined sewer overflow monitor recorded over one logging interval.
 *
 * @param start when the interval began
 * @param end when it ended, strictly after {@code start}: the mean flow needs a duration
 * @param volumeM3 volume discharged in the interval, m³, zero or more
 */
public record OverflowReading(Instant start, Instant end, BigDecimal volumeM3)
    implements TimedReading {

  public OverflowReading {
    Require.present(start, "start");
    if (!Require.present(end, "end").isAfter(start)) {
      throw new IllegalArgumentException("end: must be after start (" + start + "), was " + end);
    }
    volumeM3 = Require.nonNegative(volumeM3, "volumeM3");
  }

  /**
   * Whether the mean flow over the interval is strictly above the threshold. Decided exactly, as
   * volume > threshold × seconds, so no division rounds the boundary.
   */
  boolean exceeds(BigDecimal flowThresholdM3PerS) {
    Duration duration = Duration.between(start, end);
    BigDecimal seconds =
        BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    return volumeM3.compareTo(flowThresholdM3PerS.multiply(seconds)) > 0;
  }
}
