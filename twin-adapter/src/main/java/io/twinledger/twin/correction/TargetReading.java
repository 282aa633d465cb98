package io.twinledger.twin.correction;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A stored reading a correction can name: its key, the asset and KPI it feeds, its value as stored
 * in the KPI's unit, and its batch with the digest the audit log recorded.
 *
 * @param batchDigest lower-case hex SHA-256 of the batch
 */
public record TargetReading(
    String source,
    String sensorId,
    Instant observedAt,
    String assetId,
    String kpiId,
    BigDecimal value,
    String unit,
    long batchId,
    String batchDigest) {}
