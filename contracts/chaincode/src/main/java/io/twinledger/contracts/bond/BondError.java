package io.twinledger.contracts.bond;

import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Why {@link BondRegistryContract} refused a call. The name travels as the payload of the
 * chaincode's error response and also opens the message, because a Fabric gateway passes on the
 * endorsers' messages but not their payloads.
 */
public enum BondError {
  /** An argument is missing, malformed or out of range; the message names it. */
  INVALID_ARGUMENT,
  /** The creator's MSP is not the bond's (or its token's) issuer. */
  UNAUTHORIZED,
  /** The bond's token does not exist. */
  TOKEN_NOT_FOUND,
  /** No bond has this id. */
  BOND_NOT_FOUND,
  /** The bond id is registered with other terms, token or currency. */
  BOND_EXISTS,
  /** The bond's token has been issued, so its terms can no longer be revised. */
  BOND_ISSUED,
  /** The determination id is recorded with other evidence. */
  DETERMINATION_EXISTS,
  /** The payment names a determination that is not recorded, or pays other than it decided. */
  PAYMENT_NOT_DETERMINED,
  /** The token has no snapshot for the payment: its record date is not fixed. */
  SNAPSHOT_NOT_FOUND,
  /** The snapshot holds no units, so there is nobody to pay. */
  NO_HOLDERS,
  /** The issuer's cash account holds less than the payment. */
  INSUFFICIENT_CASH,
  /** The payment is paid already with another amount, currency or determination. */
  PAYOUT_EXISTS,
  /** The payment has not been paid. */
  PAYOUT_NOT_FOUND,
  /** The determination is not recorded. */
  DETERMINATION_NOT_FOUND;

  /**
   * The exception the contract throws: the name and {@code message} as the message, the name as
   * payload.
   */
  ChaincodeException refuse(String message) {
    return new ChaincodeException(name() + ": " + message, name());
  }
}
