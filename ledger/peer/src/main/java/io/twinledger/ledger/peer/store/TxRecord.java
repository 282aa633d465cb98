package io.twinledger.ledger.peer.store;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * One transaction of a block as the transaction table records it.
 *
 * @param txNumber its index in the block
 * @param txId its id (empty when the envelope could not be read)
 * @param code its validation code
 */
public record TxRecord(int txNumber, String txId, TxValidationCode code) {}
