package io.twinledger.ledger.asset.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A KPI period was closed, or closed again under a new revision after late readings. Fields as in
 * {@link RecordKpiPeriod}; {@code batchDigests} tie the figure to the raw readings, and {@code
 * cause} says why a revision after the first was recorded.
 */
public record KpiPeriodClosed(
    String assetId,
    String kpiId,
    String periodKind,
    Instant periodStart,
    Instant periodEnd,
    int revision,
    Optional<BigDecimal> value,
    String unit,
    BigDecimal coveragePercent,
    int readingCount,
    Map<String, Integer> qualitySummary,
    List<String> batchDigests,
    Map<String, BigDecimal> components,
    List<String> remarks,
    Optional<String> classification,
    Optional<String> cause) {

  public KpiPeriodClosed {
    // Events recorded before derived KPIs existed carry none of the last four, and events recorded
    // before corrections existed carry no cause.
    cause = cause == null ? Optional.empty() : cause;
    components = components == null ? Map.of() : components;
    remarks = remarks == null ? List.of() : remarks;
    classification = classification == null ? Optional.empty() : classification;
  }
}
