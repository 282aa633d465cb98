package io.twinledger.ledger.asset.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A KPI period was closed, or closed again under a new revision after late readings. Fields as in
 * {@link RecordKpiPeriod}; {@code batchDigests} tie the figure to the raw readings.
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
    List<String> batchDigests) {}
