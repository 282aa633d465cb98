package io.twinledger.twin.store;

import java.time.Instant;

/** A quarantined payload as listed for operators and auditors. */
public record QuarantineEntry(
    long id, String source, Instant receivedAt, String reason, String rawPayload) {}
