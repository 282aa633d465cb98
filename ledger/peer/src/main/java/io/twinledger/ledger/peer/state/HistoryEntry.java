package io.twinledger.ledger.peer.state;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.Optional;

/**
 * One committed modification of a public key.
 *
 * @param txId the writing transaction
 * @param value the value written; empty for a delete
 * @param timestamp the transaction's timestamp (from its channel header)
 * @param version where it was committed
 */
public record HistoryEntry(
    String txId, Optional<ByteString> value, Instant timestamp, Version version) {}
