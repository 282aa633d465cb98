package io.twinledger.ledger.audit;

/**
 * Where a checkpoint was recorded on the ledger.
 *
 * @param txId the Fabric transaction id
 * @param blockNumber the block the transaction was committed in
 */
public record AnchorReceipt(String txId, long blockNumber) {

  public AnchorReceipt {
    if (txId.isBlank()) {
      throw new IllegalArgumentException("an anchor receipt needs a transaction id");
    }
    if (blockNumber < 0) {
      throw new IllegalArgumentException("a block number is at least 0: " + blockNumber);
    }
  }
}
