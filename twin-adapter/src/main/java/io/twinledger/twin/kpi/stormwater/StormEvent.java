package io.twinledger.twin.kpi.stormwater;

import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One storm: rain with no dry spell as long as the minimum inter-event time inside it.
 *
 * @param start start of its first wet increment
 * @param end end of its last wet increment, not before {@code start}
 * @param depthMm total rainfall depth, mm, zero or more
 */
public record StormEvent(Instant start, Instant end, BigDecimal depthMm) {

  public StormEvent {
    Require.ordered(start, end, "start", "end");
    depthMm = Require.nonNegative(depthMm, "depthMm");
  }
}
