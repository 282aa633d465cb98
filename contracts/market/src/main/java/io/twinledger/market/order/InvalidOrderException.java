package io.twinledger.market.order;

/**
 * An order that breaks a rule of {@link Order}; the message names the order id, the field and the
 * offending value.
 */
public class InvalidOrderException extends IllegalArgumentException {

  public InvalidOrderException(String message) {
    super(message);
  }
}
