package io.twinledger.twin.kpi.road;

import io.twinledger.twin.kpi.Ratio;
import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;
import java.util.List;

/**
 * Rut depths of a road's evaluation segments, one value per segment (for example the mean of both
 * wheel paths over a 0.1 mile segment).
 *
 * <p>Segments are counted, not weighted by length: performance requirements such as "on 85% of
 * segments" are stated per segment of a fixed length.
 *
 * @param segmentRutDepthsMm rut depth per segment, mm, each zero or more; at least one segment
 */
public record RutDepthSurvey(List<BigDecimal> segmentRutDepthsMm) {

  public RutDepthSurvey {
    Require.nonEmpty(segmentRutDepthsMm, "segmentRutDepthsMm");
    segmentRutDepthsMm = Require.nonNegativeElements(segmentRutDepthsMm, "segmentRutDepthsMm");
  }

  /** Number of segments. */
  public int segmentCount() {
    return segmentRutDepthsMm.size();
  }

  /** Deepest rut of any segment, mm. */
  public BigDecimal maxMm() {
    return segmentRutDepthsMm.stream().max(BigDecimal::compareTo).orElseThrow();
  }

  /** Mean rut depth over the segments, mm, rounded to {@link Ratio#PRECISION}. */
  public BigDecimal meanMm() {
    return Ratio.of(
            segmentRutDepthsMm.stream().reduce(BigDecimal.ZERO, BigDecimal::add),
            BigDecimal.valueOf(segmentCount()))
        .orElseThrow();
  }

  /** Number of segments whose rut depth is at most {@code limitMm} (inclusive). */
  public int segmentsAtOrBelow(BigDecimal limitMm) {
    BigDecimal limit = Require.nonNegative(limitMm, "limitMm");
    return (int) segmentRutDepthsMm.stream().filter(depth -> depth.compareTo(limit) <= 0).count();
  }

  /**
   * Share of segments whose rut depth is at most {@code limitMm}, percent 0–100, rounded to {@link
   * Ratio#PRECISION}.
   */
  public BigDecimal sharePercentAtOrBelow(BigDecimal limitMm) {
    return Ratio.percent(
            BigDecimal.valueOf(segmentsAtOrBelow(limitMm)), BigDecimal.valueOf(segmentCount()))
        .orElseThrow();
  }
}
