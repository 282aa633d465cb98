package io.twinledger.twin.ingest;

import java.util.Optional;

/**
 * What became of one delivery (a notification, a batch of MQTT messages, a chunk of a file).
 *
 * @param stored readings newly stored
 * @param duplicates readings already stored before, left unchanged
 * @param quarantined readings or payloads kept in quarantine with a reason
 * @param unmapped attributes or columns the mapping does not bind to any KPI, ignored
 * @param batchId the stored batch, when anything was stored
 * @param batchDigest its SHA-256, lower-case hex
 * @param refusal why the delivery as a whole was refused (and quarantined), if it was
 */
public record IngestReport(
    int stored,
    int duplicates,
    int quarantined,
    int unmapped,
    Optional<Long> batchId,
    Optional<String> batchDigest,
    Optional<String> refusal) {}
