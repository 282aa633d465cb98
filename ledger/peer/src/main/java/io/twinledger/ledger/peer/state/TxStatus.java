package io.twinledger.ledger.peer.state;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Where and how a transaction was committed.
 *
 * @param blockNumber the block holding it
 * @param txNumber its index in the block
 * @param code its validation code
 */
public record TxStatus(long blockNumber, int txNumber, TxValidationCode code) {}
