package io.twinledger.ledger.peer.endorsement;

/**
 * Why the peer refuses a proposal before running any chaincode. The first three are found while
 * unpacking it, as Fabric's gateway does; the last by the endorser's own checks.
 */
public enum Rejection {
  /** The proposal is not readable or lacks a channel, chaincode or input. */
  MALFORMED,
  /** The proposal is for a channel this peer does not serve. */
  UNKNOWN_CHANNEL,
  /** The proposal names a chaincode that is not defined on the channel. */
  UNKNOWN_CHAINCODE,
  /**
   * The endorser refuses it: wrong header type, an invalid creator or signature, a transaction id
   * that is not the hash of nonce and creator, or one that is already committed.
   */
  REFUSED
}
