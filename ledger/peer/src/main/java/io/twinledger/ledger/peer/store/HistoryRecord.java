package io.twinledger.ledger.peer.store;

import io.twinledger.ledger.peer.state.PublicWrite;
import java.time.Instant;

/**
 * A public write with the transaction that made it, for the key history.
 *
 * @param write the write
 * @param txId the transaction
 * @param timestamp the transaction's timestamp
 */
public record HistoryRecord(PublicWrite write, String txId, Instant timestamp) {}
