package io.twinledger.ledger.peer.endorsement;

/** Why the peer refuses a request before running any chaincode. */
public enum Rejection {
  /** The request is malformed or inconsistent (bad transaction id, missing fields). */
  INVALID,
  /** The signer is unknown, not issued by its organisation's CA, or the signature is bad. */
  FORBIDDEN,
  /** The channel or chaincode does not exist on this peer. */
  NOT_FOUND,
  /** The transaction id has already been committed. */
  DUPLICATE,
  /** The peer cannot endorse as asked (no identity for a requested organisation). */
  UNAVAILABLE
}
