package io.twinledger.twin.bulk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One historical reading from a bulk file, before unit normalisation.
 *
 * @param line 1-based line number in the file (CSV: counting the header), for error reports
 * @param attribute what the value measures, as the mapping's bulk attributes name it
 * @param sensorId the sensor, when the file has a sensor column
 * @param unitCode UN/CEFACT common code of {@code value}, when the file has a unit column
 * @param raw the line as it stands in the file, kept in quarantine if the reading is refused (at
 *     most {@link BulkReader#MAX_LINE_LENGTH} characters: longer lines are rejected unread)
 */
public record BulkRow(
    long line,
    String assetId,
    String attribute,
    Optional<String> sensorId,
    Instant observedAt,
    BigDecimal value,
    Optional<String> unitCode,
    String raw) {}
