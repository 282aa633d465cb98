package io.twinledger.twin.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A quarantined payload as listed for operators and auditors.
 *
 * @param resubmittedBy the correction that stored it again, fixed, if one did
 */
public record QuarantineEntry(
    long id,
    String source,
    Instant receivedAt,
    String reason,
    String rawPayload,
    Optional<Long> resubmittedBy) {

  public QuarantineEntry {
    resubmittedBy = resubmittedBy == null ? Optional.empty() : resubmittedBy;
  }
}
