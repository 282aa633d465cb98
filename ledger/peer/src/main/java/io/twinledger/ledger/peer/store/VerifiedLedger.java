package io.twinledger.ledger.peer.store;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.peer.state.TransactionIndex;
import io.twinledger.ledger.peer.state.WorldState;

/**
 * A stored ledger that passed the start-up check, loaded into memory.
 *
 * @param height the number of blocks (the next block's number)
 * @param lastHeaderHash the last block's header hash; empty when there are no blocks
 * @param state the world state
 * @param transactions the transaction index
 */
public record VerifiedLedger(
    long height, ByteString lastHeaderHash, WorldState state, TransactionIndex transactions) {}
