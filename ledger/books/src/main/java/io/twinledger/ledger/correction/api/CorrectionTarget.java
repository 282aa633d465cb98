package io.twinledger.ledger.correction.api;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a correction replaces: one reading of a batch, or the whole batch. The batch is named by its
 * id and by the digest the audit log recorded for it, so an auditor can find the original readings
 * in an evidence bundle.
 *
 * @param batchId the stored batch
 * @param batchDigest lower-case hex SHA-256 of the batch
 * @param reading the reading, when the correction concerns one reading; empty for the whole batch
 */
public record CorrectionTarget(long batchId, String batchDigest, Optional<ReadingRef> reading) {

  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

  public CorrectionTarget {
    if (!DIGEST.matcher(CorrectionChecks.present(batchDigest, "target.batchDigest")).matches()) {
      throw new CorrectionRuleViolation("target.batchDigest", "must be 64 lower-case hex digits");
    }
    reading = reading == null ? Optional.empty() : reading;
  }

  /** How the target reads in a cause or a list: {@code reading <sensor> at <time>} or a batch. */
  public String describe() {
    return reading
        .map(r -> "reading " + r.sensorId() + " at " + r.observedAt() + " (batch " + batchId + ")")
        .orElse("batch " + batchId);
  }
}
