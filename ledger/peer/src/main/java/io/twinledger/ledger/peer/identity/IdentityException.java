package io.twinledger.ledger.peer.identity;

/** A serialized identity that is malformed, unknown, or not issued by its organisation's CA. */
public final class IdentityException extends Exception {

  /** Creates the failure with a message naming what is wrong. */
  public IdentityException(String message) {
    super(message);
  }
}
