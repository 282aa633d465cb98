package io.twinledger.contracts.audit;

import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Why {@link AuditAnchorContract} refused a call. The name travels as the payload of the
 * chaincode's error response (fabric-samples style) and opens its message, which explains it in one
 * line.
 */
public enum AnchorError {
  /** An argument is missing, malformed or out of range. */
  INVALID_ARGUMENT,
  /** The signature does not verify with the transaction creator's certificate key. */
  BAD_SIGNATURE,
  /** The creator belongs to another MSP than the one that recorded the log's first checkpoint. */
  UNAUTHORIZED_SIGNER,
  /** The consistency proof does not show the new tree extends the last recorded one. */
  NOT_CONSISTENT,
  /**
   * The checkpoint is not newer than the last one: a smaller size, the last size with another root,
   * or an earlier timestamp.
   */
  STALE_CHECKPOINT,
  /** The very same checkpoint (size and root) is already recorded. */
  CHECKPOINT_EXISTS,
  /** No checkpoint matches the query. */
  CHECKPOINT_NOT_FOUND;

  /**
   * The exception the contract throws: {@code CODE: message} as the message, the name as payload,
   * as the other contracts do, so that a gateway client reads the code from the peer's error
   * detail.
   */
  ChaincodeException refuse(String message) {
    return new ChaincodeException(name() + ": " + message, name());
  }
}
