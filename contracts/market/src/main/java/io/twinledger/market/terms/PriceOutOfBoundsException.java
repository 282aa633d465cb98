package io.twinledger.market.terms;

/**
 * A price limit outside the tariff bounds: an ask below the feed-in tariff or a bid above the
 * retail tariff. The message names the side, the price and the bound.
 */
public class PriceOutOfBoundsException extends IllegalArgumentException {

  public PriceOutOfBoundsException(String message) {
    super(message);
  }
}
