package io.twinledger.twin.ingest;

import java.util.List;
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
 * @param ignoredAttributes NGSI-LD only: the first {@value #MAX_LISTED} attributes ignored (those
 *     counted in {@code unmapped}), each with why
 * @param quarantinedAttributes NGSI-LD only: the first {@value #MAX_LISTED} attributes or entities
 *     quarantined, each with the reason stored with it
 * @param unlistedAttributes how many ignored or quarantined attributes the two lists leave out, so
 *     that a notification of thousands of entities gets a reply of bounded size
 */
public record IngestReport(
    int stored,
    int duplicates,
    int quarantined,
    int unmapped,
    Optional<Long> batchId,
    Optional<String> batchDigest,
    Optional<String> refusal,
    List<AttributeNote> ignoredAttributes,
    List<AttributeNote> quarantinedAttributes,
    int unlistedAttributes) {

  /** Most attributes each list names. */
  public static final int MAX_LISTED = 100;

  public IngestReport {
    ignoredAttributes = List.copyOf(ignoredAttributes);
    quarantinedAttributes = List.copyOf(quarantinedAttributes);
  }
}
