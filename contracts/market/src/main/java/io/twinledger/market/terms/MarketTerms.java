package io.twinledger.market.terms;

import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.order.Order;
import io.twinledger.market.order.Side;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The terms of a market: its clearing rule, the grid fee and the utility's tariffs, all per kWh in
 * {@code currency}.
 *
 * <p>Price bounds: no one should do worse than trading with the utility, so an ask (a seller's
 * minimum) is at least the feed-in tariff and a bid (a buyer's maximum, fee included) is at most
 * the retail tariff, both bounds inclusive. The default limits are the tariffs themselves.
 *
 * @param rule the clearing rule
 * @param gridFee paid by the buyer per kWh traded between members, on top of the seller's price;
 *     {@code >= 0}
 * @param feedInTariff what the utility pays per kWh exported to it; {@code >= 0}
 * @param retailTariff what the utility charges per kWh imported from it; {@code >= feedInTariff}
 * @param currency ISO 4217 code of every amount, for example {@code KRW}
 */
public record MarketTerms(
    ClearingRule rule,
    BigDecimal gridFee,
    BigDecimal feedInTariff,
    BigDecimal retailTariff,
    String currency) {

  public MarketTerms {
    Objects.requireNonNull(rule, "rule");
    gridFee = Order.checkedPrice("terms", "gridFee", gridFee);
    feedInTariff = Order.checkedPrice("terms", "feedInTariff", feedInTariff);
    retailTariff = Order.checkedPrice("terms", "retailTariff", retailTariff);
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException(
          "terms: currency must be an ISO 4217 code of three capital letters (was "
              + currency
              + ")");
    }
    if (retailTariff.compareTo(feedInTariff) < 0) {
      throw new IllegalArgumentException(
          "terms: retailTariff "
              + retailTariff.toPlainString()
              + " is below feedInTariff "
              + feedInTariff.toPlainString());
    }
  }

  /**
   * Checks a price limit against the tariff bounds: an ask must be {@code >= feedInTariff}, a bid
   * {@code <= retailTariff}.
   *
   * @return the price, unchanged, when it is within bounds
   * @throws PriceOutOfBoundsException naming the side, the price and the bound
   */
  public BigDecimal checkLimit(Side side, BigDecimal price) {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(price, "price");
    if (side == Side.ASK && price.compareTo(feedInTariff) < 0) {
      throw new PriceOutOfBoundsException(
          "an ask's price "
              + price.toPlainString()
              + " is below the feed-in tariff "
              + feedInTariff.toPlainString()
              + " "
              + currency
              + "/kWh");
    }
    if (side == Side.BID && price.compareTo(retailTariff) > 0) {
      throw new PriceOutOfBoundsException(
          "a bid's price "
              + price.toPlainString()
              + " is above the retail tariff "
              + retailTariff.toPlainString()
              + " "
              + currency
              + "/kWh");
    }
    return price;
  }

  /** The default limits: sell at the feed-in tariff at least, buy at the retail tariff at most. */
  public PriceLimits defaultLimits() {
    return new PriceLimits(feedInTariff, retailTariff);
  }
}
