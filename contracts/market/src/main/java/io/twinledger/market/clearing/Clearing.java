package io.twinledger.market.clearing;

import io.twinledger.market.order.Order;
import io.twinledger.market.order.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(bids, "bids");
    Objects.requireNonNull(asks, "asks");
    long fee = RankedSide.priceUnits(checkedFee(gridFee));
    checkBook(bids, asks);
    RankedSide b = RankedSide.bids(bids, fee);
    RankedSide a = RankedSide.asks(asks);
    Walk walk = Walk.of(b, b.entries.length, a, a.entries.length);
    if (walk.volume == 0) {
      return ClearingResult.empty();
    }
    return switch (rule) {
      case ClearingRule.UniformPrice uniform -> {
        BigDecimal low = RankedSide.price(walk.low());
        BigDecimal high = RankedSide.price(walk.high());
        BigDecimal price =
            RankedSide.canonical(low.add(uniform.kappa().multiply(high.subtract(low))));
        yield uniform(b, a, walk, price);
      }
      case ClearingRule.PayAsBid payAsBid -> payAsBid(b, a, walk);
      case ClearingRule.TradeReduction reduction -> tradeReduction(b, a, walk);
    };
  }

  private static ClearingResult uniform(RankedSide b, RankedSide a, Walk walk, BigDecimal price) {
    b.fill(b.entries.length, walk.volume, walk.marginalBid);
    a.fill(a.entries.length, walk.volume, walk.marginalAsk);
    List<Trade> trades = pair(b, a, (bid, ask) -> price, (bid, ask) -> price);
    return new ClearingResult(Optional.of(price), RankedSide.kwh(walk.volume), trades);
  }

  private static ClearingResult payAsBid(RankedSide b, RankedSide a, Walk walk) {
    b.fill(b.entries.length, walk.volume, walk.marginalBid);
    a.fill(a.entries.length, walk.volume, walk.marginalAsk);
    List<Trade> trades =
        pair(
            b,
            a,
            (bid, ask) -> RankedSide.price(bid.price),
            (bid, ask) -> RankedSide.price(bid.price));
    return new ClearingResult(Optional.empty(), RankedSide.kwh(walk.volume), trades);
  }

  private static ClearingResult tradeReduction(RankedSide b, RankedSide a, Walk walk) {
    long bidK = b.entries[walk.marginalBid].price;
    long askK = a.entries[walk.marginalAsk].price;
    if (walk.nextBid < b.entries.length && walk.nextAsk < a.entries.length) {
      long twiceCandidate = b.entries[walk.nextBid].price + a.entries[walk.nextAsk].price;
      if (2 * askK <= twiceCandidate && twiceCandidate <= 2 * bidK) {
        BigDecimal candidate =
            RankedSide.canonical(
                BigDecimal.valueOf(twiceCandidate, Order.PRICE_SCALE)
                    .divide(BigDecimal.valueOf(2)));
        return uniform(b, a, walk, candidate);
      }
    }
    Walk reduced = Walk.of(b, walk.marginalBid, a, walk.marginalAsk);
    if (reduced.volume == 0) {
      return ClearingResult.empty();
    }
    b.fill(walk.marginalBid, reduced.volume, reduced.marginalBid);
    a.fill(walk.marginalAsk, reduced.volume, reduced.marginalAsk);
    BigDecimal sellerPrice = RankedSide.price(askK);
    BigDecimal buyerPrice = RankedSide.price(bidK);
    List<Trade> trades = pair(b, a, (bid, ask) -> sellerPrice, (bid, ask) -> buyerPrice);
    return new ClearingResult(Optional.of(sellerPrice), RankedSide.kwh(reduced.volume), trades);
  }

  /** Prices a pair of entries. */
  private interface PairPrice {
    BigDecimal of(RankedSide.Entry bid, RankedSide.Entry ask);
  }

  /**
   * Pairs the filled entries in rank order: the best bid with fill left meets the best ask with
   * fill left, for the smaller of the two; each pair at most once.
   */
  private static List<Trade> pair(
      RankedSide b, RankedSide a, PairPrice sellerPrice, PairPrice buyerPrice) {
    List<Trade> trades = new ArrayList<>();
    RankedSide.Entry[] bs = b.entries;
    RankedSide.Entry[] as = a.entries;
    int i = next(bs, 0);
    int j = next(as, 0);
    long bidLeft = i < bs.length ? bs[i].fill : 0;
    long askLeft = j < as.length ? as[j].fill : 0;
    while (i < bs.length && j < as.length) {
      long q = Math.min(bidLeft, askLeft);
      RankedSide.Entry bid = bs[i];
      RankedSide.Entry ask = as[j];
      trades.add(
          new Trade(
              bid.order.id(),
              ask.order.id(),
              bid.order.participant(),
              ask.order.participant(),
              RankedSide.kwh(q),
              sellerPrice.of(bid, ask),
              buyerPrice.of(bid, ask)));
      bidLeft -= q;
      askLeft -= q;
      if (bidLeft == 0) {
        i = next(bs, i + 1);
        bidLeft = i < bs.length ? bs[i].fill : 0;
      }
      if (askLeft == 0) {
        j = next(as, j + 1);
        askLeft = j < as.length ? as[j].fill : 0;
      }
    }
    return trades;
  }

  private static int next(RankedSide.Entry[] entries, int from) {
    int i = from;
    while (i < entries.length && entries[i].fill == 0) {
      i++;
    }
    return i;
  }

  private static BigDecimal checkedFee(BigDecimal gridFee) {
    try {
      return Order.checkedPrice("the book", "gridFee", gridFee);
    } catch (IllegalArgumentException e) {
      throw new InvalidBookException(e.getMessage());
    }
  }

  private static void checkBook(List<Order> bids, List<Order> asks) {
    Set<String> ids = HashSet.newHashSet(bids.size() + asks.size());
    Set<String> buyers = HashSet.newHashSet(bids.size());
    for (Order o : bids) {
      check(o, Side.BID, "bids", ids);
      buyers.add(o.participant());
    }
    for (Order o : asks) {
      check(o, Side.ASK, "asks", ids);
      if (buyers.contains(o.participant())) {
        String bid =
            bids.stream()
                .filter(x -> x.participant().equals(o.participant()))
                .findFirst()
                .orElseThrow()
                .id();
        throw new InvalidBookException(
            "self-trade refused: participant "
                + o.participant()
                + " has bid "
                + bid
                + " and ask "
                + o.id());
      }
    }
  }

  private static void check(Order o, Side side, String list, Set<String> ids) {
    if (o == null) {
      throw new InvalidBookException("a null order in the " + list);
    }
    if (o.side() != side) {
      throw new InvalidBookException(
          "order "
              + o.id()
              + " is "
              + (o.side() == Side.ASK ? "an ask" : "a bid")
              + " but is in the "
              + list);
    }
    if (!ids.add(o.id())) {
      throw new InvalidBookException("duplicate order id " + o.id());
    }
  }

  /**
   * The walk down both curves, Wh by Wh while the effective bid {@code >=} the ask, over the first
   * {@code bidCount} bids and {@code askCount} asks.
   *
   * @param volume the Wh traded
   * @param marginalBid the bid holding the last Wh (meaningless when nothing trades)
   * @param marginalAsk the ask holding the last Wh
   * @param nextBid the bid holding the next Wh on the demand curve: the marginal bid when it has
   *     quantity left, else the one after it; {@code bidCount} when the curve ends
   * @param nextAsk likewise on the supply curve
   */
  private record Walk(
      RankedSide b,
      RankedSide a,
      int bidCount,
      int askCount,
      long volume,
      int marginalBid,
      int marginalAsk,
      int nextBid,
      int nextAsk) {

    static Walk of(RankedSide b, int bidCount, RankedSide a, int askCount) {
      RankedSide.Entry[] bs = b.entries;
      RankedSide.Entry[] as = a.entries;
      long volume = 0;
      int i = 0;
      int j = 0;
      int lastBid = 0;
      int lastAsk = 0;
      long bidLeft = bidCount > 0 ? bs[0].quantity : 0;
      long askLeft = askCount > 0 ? as[0].quantity : 0;
      while (i < bidCount && j < askCount && bs[i].price >= as[j].price) {
        long q = Math.min(bidLeft, askLeft);
        volume += q;
        bidLeft -= q;
        askLeft -= q;
        lastBid = i;
        lastAsk = j;
        if (bidLeft == 0 && ++i < bidCount) {
          bidLeft = bs[i].quantity;
        }
        if (askLeft == 0 && ++j < askCount) {
          askLeft = as[j].quantity;
        }
      }
      return new Walk(b, a, bidCount, askCount, volume, lastBid, lastAsk, i, j);
    }

    /** {@code max(ask_k, bid_k+1)}, in price units. */
    long low() {
      long askK = a.entries[marginalAsk].price;
      return nextBid < bidCount ? Math.max(askK, b.entries[nextBid].price) : askK;
    }

    /** {@code min(bid_k, ask_k+1)}, in price units. */
    long high() {
      long bidK = b.entries[marginalBid].price;
      return nextAsk < askCount ? Math.min(bidK, a.entries[nextAsk].price) : bidK;
    }
  }
}
