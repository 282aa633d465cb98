package io.twinledger.ledger.peer.commit;

import org.hyperledger.fabric.protos.common.Status;

/**
 * An envelope the orderer does not accept, with the status a Fabric orderer's broadcast service
 * answers: {@code BAD_REQUEST} for an unreadable envelope or an unknown channel, {@code FORBIDDEN}
 * for a creator or signature that does not pass.
 */
public final class EnvelopeRefusedException extends Exception {

  private final Status status;

  /** Creates the refusal; the message is the broadcast response's {@code info}. */
  public EnvelopeRefusedException(Status status, String info) {
    super(info);
    this.status = status;
  }

  /** The broadcast status. */
  public Status status() {
    return status;
  }
}
