package io.twinledger.twin.kpi.stormwater;

import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Rainfall a gauge recorded over one interval.
 *
 * <p>An accumulating gauge reports one increment per logging interval ({@code start < end}); a
 * tipping-bucket gauge reports one per tip, at an instant ({@code start == end}).
 *
 * @param start when the interval began
 * @param end when it ended, not before {@code start}
 * @param depthMm rainfall depth in millimetres, zero or more; zero records a dry interval
 */
public record RainfallIncrement(Instant start, Instant end, BigDecimal depthMm)
    implements TimedReading {

  public RainfallIncrement {
    Require.ordered(start, end, "start", "end");
    depthMm = Require.nonNegative(depthMm, "depthMm");
  }
}
