package io.twinledger.ledger.peer.endorsement;

/** A proposal or request the peer refuses, with the kind of refusal and a message naming it. */
public final class ProposalRejectedException extends Exception {

  private final Rejection rejection;

  /** Creates the refusal. */
  public ProposalRejectedException(Rejection rejection, String message) {
    super(message);
    this.rejection = rejection;
  }

  /** The kind of refusal. */
  public Rejection rejection() {
    return rejection;
  }
}
