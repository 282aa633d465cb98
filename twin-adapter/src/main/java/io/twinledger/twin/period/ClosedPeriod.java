package io.twinledger.twin.period;

import io.twinledger.twin.reading.QualityFlag;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A KPI period's verified figure and the evidence for it. A period that receives late readings is
 * closed again under the next revision; earlier revisions stay on record.
 *
 * @param revision 1 for the first close, then 2, 3, ...
 * @param value the aggregate, empty when the period had no usable reading
 * @param unit canonical unit of {@code value}
 * @param coveragePercent share of expected sensor reporting slots that hold a reading, 0 to 100
 * @param readingCount readings used
 * @param qualitySummary how many used readings carry each flag; flags never raised are absent
 * @param batchDigests digests of the batches holding the readings used, sorted, without repeats
 * @param components for a derived KPI, the figures its value was computed from; empty otherwise
 * @param remarks what a reader must know to trust the figure
 * @param classification the band of the value, where the formula defines bands
 */
public record ClosedPeriod(
    String assetId,
    String kpiId,
    PeriodWindow window,
    int revision,
    Optional<BigDecimal> value,
    String unit,
    BigDecimal coveragePercent,
    int readingCount,
    Map<QualityFlag, Integer> qualitySummary,
    List<String> batchDigests,
    Map<String, BigDecimal> components,
    List<String> remarks,
    Optional<String> classification) {

  public ClosedPeriod {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(kpiId, "kpiId");
    Objects.requireNonNull(window, "window");
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be at least 1");
    }
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    if (coveragePercent.signum() < 0 || coveragePercent.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException("coveragePercent must be within 0..100");
    }
    qualitySummary = Map.copyOf(qualitySummary);
    batchDigests = List.copyOf(batchDigests);
    components = Map.copyOf(components);
    remarks = List.copyOf(remarks);
    Objects.requireNonNull(classification, "classification");
  }
}
