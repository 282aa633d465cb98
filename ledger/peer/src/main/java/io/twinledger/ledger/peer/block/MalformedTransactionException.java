package io.twinledger.ledger.peer.block;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** An envelope that cannot be read as an endorser transaction, with the code Fabric gives it. */
public final class MalformedTransactionException extends Exception {

  private final TxValidationCode code;

  /** Creates the failure; {@code reason} names what is wrong. */
  public MalformedTransactionException(TxValidationCode code, String reason) {
    super(reason);
    this.code = code;
  }

  /** The validation code the transaction gets. */
  public TxValidationCode code() {
    return code;
  }
}
