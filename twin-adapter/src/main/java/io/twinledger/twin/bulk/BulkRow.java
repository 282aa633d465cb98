package io.twinledger.twin.bulk;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One historical reading from a bulk file, before unit normalisation.
 *
 * @param line 1-based line number in the file (CSV: counting the header), for error reports
 * @param unitCode UN/CEFACT common code of {@code value}
 */
public record BulkRow(
    long line,
    String assetId,
    String kpiId,
    String sensorId,
    Instant observedAt,
    BigDecimal value,
    String unitCode) {}
