package io.twinledger.twin.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that arrived and was refused, kept with the reason and the exact payload.
 *
 * @param rawPayload the payload as received (a notification, a message or a file line)
 */
public record QuarantinedPayload(
    String source, Instant receivedAt, String reason, String rawPayload) {

  public QuarantinedPayload {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a quarantined payload needs a reason");
    }
    Objects.requireNonNull(rawPayload, "rawPayload");
  }
}
