package io.twinledger.twin.kpi.stormwater;

import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One combined sewer overflow event.
 *
 * @param start start of its first overflowing reading
 * @param end end of its last overflowing reading, not before {@code start}
 * @param volumeM3 overflow volume, m³, zero or more
 */
public record OverflowEvent(Instant start, Instant end, BigDecimal volumeM3) {

  public OverflowEvent {
    Require.ordered(start, end, "start", "end");
    volumeM3 = Require.nonNegative(volumeM3, "volumeM3");
  }
}
