package io.twinledger.market.clearing;

import io.twinledger.market.order.Order;
import java.math.BigDecimal;
import java.util.List;

/**
 * Clears one slot's book under a {@link ClearingRule}. Deterministic: the same book gives the same
 * result on every machine, so the chaincode's endorsers agree and a resident can recompute a bill.
 *
 * <h2>Curves</h2>
 *
 * A bid is compared at its <em>effective</em> price {@code bid - gridFee} (the buyer pays the fee,
 * so a match needs {@code bid >= ask + fee}; the fee is never added to asks as well). Bids are
 * ranked by effective price, highest first; asks by price, lowest first; equal prices by order id
 * ascending ({@link String#compareTo}). The demand curve {@code D(p)} is the kWh of bids with
 * effective price {@code >= p}; the supply curve {@code S(p)} the kWh of asks with price {@code <=
 * p}. Quantities are whole Wh, so nothing on the curves is rounded.
 *
 * <h2>Volume and price (uniform price)</h2>
 *
 * <ol>
 *   <li>Walk both ranked sides Wh by Wh while the current effective bid {@code >=} the current ask:
 *       the traded volume {@code V} is the largest for which the {@code V}-th Wh's effective bid
 *       {@code >=} its ask, which is the maximum of {@code min(D(p), S(p))} over all prices.
 *   <li>With {@code bid_k, ask_k} the prices of the {@code V}-th Wh and {@code bid_k+1, ask_k+1}
 *       those of the next Wh on each curve (absent when a curve ends), every price in {@code [low,
 *       high] = [max(ask_k, bid_k+1), min(bid_k, ask_k+1)]} clears the market; an absent price
 *       drops out of its max or min.
 *   <li>The price sellers receive is {@code p = (1 - kappa) * low + kappa * high}, exact (no
 *       rounding); buyers pay {@code p + gridFee}. The price is never an average of the marginal
 *       orders' prices.
 * </ol>
 *
 * <h2>Who trades: ties at the margin</h2>
 *
 * Every bid priced above the marginal bid level {@code bid_k} and every ask below the marginal ask
 * level {@code ask_k} is filled in full. The orders <em>at</em> a marginal level share what is left
 * of {@code V} on their side pro rata to their quantities, in whole Wh: each gets {@code floor(left
 * * q / total)} and the Wh still left go one each by largest remainder, equal remainders to the
 * smaller order id. So no order at the margin is favoured by its id beyond one Wh, and after
 * clearing no bid and ask that both have quantity left could trade at {@code p} ({@code bid - fee
 * >= p >= ask}): that would raise the volume above the maximum.
 *
 * <h2>Pairing</h2>
 *
 * The filled quantities are paired into bilateral trades by one walk over both sides in rank order:
 * the highest-ranked bid with quantity left meets the highest-ranked ask with quantity left and
 * they trade the smaller of the two; so each pair of orders trades at most once and the trades come
 * out in that order.
 *
 * <h2>Pay-as-bid</h2>
 *
 * Volume, filled quantities and pairing are the uniform rule's; each trade is priced at its bid:
 * the buyer pays the bid (fee included), the seller receives {@code bid - gridFee}, so {@code ask
 * <= bid - fee}. There is no single clearing price.
 *
 * <h2>McAfee trade reduction</h2>
 *
 * With divisible orders each <em>order</em> counts as one unit in the ranking. Let the marginal bid
 * and ask orders be those holding the {@code V}-th Wh, and the candidate price {@code p0 = (bid_k+1
 * + ask_k+1) / 2} (from the next Wh on each curve as above). If both exist and {@code ask_k <= p0
 * <= bid_k}, the book clears as the uniform rule at {@code p0}. Otherwise the marginal pair is left
 * out: the bids ranked before the marginal bid order and the asks ranked before the marginal ask
 * order are cleared among themselves (all of them can trade; the longer side is filled by rank with
 * the pro rata rule at its margin), buyers pay {@code bid_k} (plus the fee) and sellers receive
 * {@code ask_k}; {@code (bid_k - ask_k)} per kWh goes to the community ({@link
 * ClearingResult#surplus()}), so the budget never runs a deficit. The reduction costs at most the
 * larger of the marginal pair's quantities.
 */
public final class Clearing {

  private Clearing() {}

  /**
   * Clears a book.
   *
   * @param rule the clearing rule
   * @param gridFee the fee per kWh the buyer pays on top of the seller's price, {@code >= 0}, at
   *     most {@value Order#PRICE_SCALE} decimals
   * @param bids orders with side {@code BID}
   * @param asks orders with side {@code ASK}
   * @throws InvalidBookException for a participant on both sides (self-trade), a duplicate order
   *     id, an order on the wrong side, or an invalid fee; the message names them
   */
  public static ClearingResult clear(
      ClearingRule rule, BigDecimal gridFee, List<Order> bids, List<Order> asks) {
    throw new UnsupportedOperationException("not yet");
  }
}
