package io.twinledger.market.clearing;

/**
 * A book that cannot be cleared: a participant on both sides (self-trade), a duplicate order id, an
 * order on the wrong side, or a bad grid fee. The message names the orders concerned.
 */
public class InvalidBookException extends IllegalArgumentException {

  public InvalidBookException(String message) {
    super(message);
  }
}
