package io.twinledger.twin.reading;

/**
 * Port through which accepted reading batches leave the twin adapter as evidence. The ledger
 * implements it to append each digest as a leaf of the Merkle audit log; it is called after the
 * batch is durably stored, once per batch.
 */
@FunctionalInterface
public interface BatchDigestListener {

  /**
   * A batch was stored.
   *
   * @param batchId the store's identifier of the batch
   * @param batch the readings and their digest
   */
  void batchStored(long batchId, ReadingBatch batch);
}
