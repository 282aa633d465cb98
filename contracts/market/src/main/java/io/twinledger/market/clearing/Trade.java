package io.twinledger.market.clearing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One bilateral trade of a cleared slot: {@code quantity} kWh from the ask's seller to the bid's
 * buyer.
 *
 * <p>Money per kWh: the seller receives {@code price}; the buyer pays {@code buyerPrice} plus the
 * grid fee. {@code buyerPrice} equals {@code price} under every rule except McAfee's reduced case,
 * where buyers pay the marginal bid and sellers receive the marginal ask; {@code (buyerPrice -
 * price) * quantity} then goes to the community. Quantities have three decimals (Wh); prices are
 * exact.
 *
 * @param bid the bid's order id
 * @param ask the ask's order id
 * @param buyer the bid's participant
 * @param seller the ask's participant
 * @param quantity kWh, more than 0, three decimals
 * @param price what the seller receives per kWh
 * @param buyerPrice what the buyer pays per kWh before the grid fee, at least {@code price}
 */
public record Trade(
    String bid,
    String ask,
    String buyer,
    String seller,
    BigDecimal quantity,
    BigDecimal price,
    BigDecimal buyerPrice) {

  public Trade {
    Objects.requireNonNull(bid, "bid");
    Objects.requireNonNull(ask, "ask");
    Objects.requireNonNull(buyer, "buyer");
    Objects.requireNonNull(seller, "seller");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(buyerPrice, "buyerPrice");
    if (buyerPrice.compareTo(price) < 0) {
      throw new IllegalArgumentException(
          "trade "
              + bid
              + "/"
              + ask
              + ": buyerPrice "
              + buyerPrice.toPlainString()
              + " is below the seller's price "
              + price.toPlainString());
    }
  }

  /** What the seller receives: {@code quantity * price}, exact. */
  public BigDecimal sellerAmount() {
    return quantity.multiply(price);
  }

  /** What the buyer pays before the grid fee: {@code quantity * buyerPrice}, exact. */
  public BigDecimal buyerAmount() {
    return quantity.multiply(buyerPrice);
  }

  /** The mechanism's surplus, the community's: {@code quantity * (buyerPrice - price)}, exact. */
  public BigDecimal surplus() {
    return quantity.multiply(buyerPrice.subtract(price));
  }
}
