package io.twinledger.contracts.token;

import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Why {@link TokenContract} refused a call. The name travels as the payload of the chaincode's
 * error response (fabric-samples style) and also opens the message ({@code HOLDER_FROZEN: holder
 * h-7 of token t is frozen}), because a Fabric gateway passes on the endorsers' messages but not
 * their payloads.
 */
public enum TokenError {
  /** An argument is missing, malformed or out of range; the message names it. */
  INVALID_ARGUMENT,
  /** The creator's MSP is not the token's issuer, the only organisation that administers it. */
  UNAUTHORIZED,
  /** No token has this id. */
  TOKEN_NOT_FOUND,
  /** The token exists with another currency or issuer. */
  TOKEN_EXISTS,
  /** The token is paused: holders' transfers are refused until it is unpaused. */
  TOKEN_PAUSED,
  /** The holder is not in the token's holder registry (KYC not approved). */
  HOLDER_NOT_REGISTERED,
  /** The holder is frozen: it neither sends nor receives units by a holder's transfer. */
  HOLDER_FROZEN,
  /** The holder has fewer units than the call moves or burns. */
  INSUFFICIENT_UNITS,
  /** The issuance id was used before with other holdings. */
  ISSUANCE_EXISTS,
  /** No snapshot was taken for the payment. */
  SNAPSHOT_NOT_FOUND;

  /**
   * The exception the contract throws: the name and {@code message} as the message, the name as
   * payload.
   */
  public ChaincodeException refuse(String message) {
    return new ChaincodeException(name() + ": " + message, name());
  }
}
