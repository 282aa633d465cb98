package io.twinledger.market.terms;

import io.twinledger.market.order.Order;
import io.twinledger.market.order.Side;
import java.math.BigDecimal;

/**
 * A resident's standing price limits, per kWh: the least they sell a surplus for and the most they
 * pay for a deficit (grid fee included). The limits become the prices of the household's ask or bid
 * in each slot; {@link MarketTerms#checkLimit} keeps them within the tariff bounds.
 *
 * @param minSellPrice the ask price, {@code >= 0}
 * @param maxBuyPrice the bid price, {@code >= 0}
 */
public record PriceLimits(BigDecimal minSellPrice, BigDecimal maxBuyPrice) {

  public PriceLimits {
    minSellPrice = Order.checkedPrice("limits", "minSellPrice", minSellPrice);
    maxBuyPrice = Order.checkedPrice("limits", "maxBuyPrice", maxBuyPrice);
  }

  /** The limit that prices an order on {@code side}. */
  public BigDecimal forSide(Side side) {
    return side == Side.ASK ? minSellPrice : maxBuyPrice;
  }

  /**
   * Both limits checked against the terms' bounds.
   *
   * @return these limits
   * @throws PriceOutOfBoundsException for the first limit out of bounds
   */
  public PriceLimits checkedAgainst(MarketTerms terms) {
    terms.checkLimit(Side.ASK, minSellPrice);
    terms.checkLimit(Side.BID, maxBuyPrice);
    return this;
  }
}
