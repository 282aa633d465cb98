package io.twinledger.contracts.energy;

import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Why {@link EnergyMarketContract} refused a call. The name is the code: it travels as the payload
 * of the chaincode's error response (fabric-samples style) and also opens the message ({@code
 * SLOT_CLOSED: slot 2026-06-21T12:00:00Z is cleared}), because a Fabric gateway passes on the
 * endorsers' messages but not their payloads. Every refusal is thrown before the contract writes
 * anything, so a refused call changes no state.
 */
public enum EnergyError {
  /** An argument is missing, malformed or out of range (a negative quantity, say); named. */
  INVALID_ARGUMENT,
  /** The creator is not the market's operator, the identity that configured it. */
  NOT_OPERATOR,
  /** The market has no terms yet: {@code ConfigureMarket} comes first. */
  MARKET_NOT_CONFIGURED,
  /** No household has this id. */
  HOUSEHOLD_NOT_FOUND,
  /** The household id, or the certificate, is registered to another household. */
  HOUSEHOLD_EXISTS,
  /** The creator's certificate is not a registered household's. */
  NOT_A_HOUSEHOLD,
  /** A household acted or asked for another household. */
  OTHER_HOUSEHOLD,
  /** A price limit lies outside the tariff bounds (asks at least feed-in, bids at most retail). */
  LIMIT_OUT_OF_BOUNDS,
  /** A slot override for a slot that has already begun. */
  SLOT_NOT_IN_FUTURE,
  /** The slot is cleared: it takes no more readings or orders and is not cleared again. */
  SLOT_CLOSED,
  /** The slot is not cleared yet. */
  SLOT_NOT_CLEARED,
  /** The battery's slots are cleared in order: this one is not after the last one cleared. */
  SLOT_OUT_OF_ORDER,
  /** The household has no meter reading for the slot, so it has no position to offer. */
  METER_READING_MISSING,
  /** The household's reading for the slot is recorded with other values. */
  METER_READING_EXISTS,
  /** The household's metered import equals its export in the slot: nothing to buy or sell. */
  NOTHING_TO_TRADE,
  /** A battery is registered with other parameters, or its id is a household's. */
  BATTERY_EXISTS,
  /** The slot's settlement does not conserve energy or money, so it is not recorded. */
  CONSERVATION_FAILED;

  /**
   * The exception the contract throws: the name and {@code message} as the message, the name as
   * payload.
   */
  public ChaincodeException refuse(String message) {
    return new ChaincodeException(name() + ": " + message, name());
  }
}
