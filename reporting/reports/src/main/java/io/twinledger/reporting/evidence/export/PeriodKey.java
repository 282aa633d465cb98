package io.twinledger.reporting.evidence.export;

import java.time.Instant;
import java.util.Optional;

/**
 * Which KPI period's evidence to export.
 *
 * @param kind {@code HOUR}, {@code DAY}, {@code MONTH} or {@code QUARTER}
 * @param start the period's start
 * @param revision the revision; empty for the latest
 */
public record PeriodKey(
    String assetId, String kpiId, String kind, Instant start, Optional<Integer> revision) {}
