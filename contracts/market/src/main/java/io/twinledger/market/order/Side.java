package io.twinledger.market.order;

/** The side of an order: a {@link #BID} buys energy, an {@link #ASK} sells it. */
public enum Side {
  /** An offer to buy: a household in deficit, or the community battery charging. */
  BID,
  /** An offer to sell: a household with a surplus, or the community battery discharging. */
  ASK
}
