package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.ConsistencyProof;
import java.util.Optional;

/**
 * Port through which signed checkpoints are recorded on the permissioned ledger (the audit-anchor
 * chaincode). Called after the checkpoint is stored, in order of tree size; the receipt is then
 * stored with it.
 */
@FunctionalInterface
public interface CheckpointAnchor {

  /**
   * Records the checkpoint on the ledger and waits for its commit.
   *
   * @param checkpoint the signed checkpoint
   * @param sincePrevious the proof that it extends the last anchored checkpoint of its log; empty
   *     for the log's first anchored checkpoint
   * @return where it was committed
   * @throws RuntimeException if the ledger refused it or could not be reached; the checkpoint stays
   *     unanchored and is offered again
   */
  AnchorReceipt anchor(SignedCheckpoint checkpoint, Optional<ConsistencyProof> sincePrevious);
}
