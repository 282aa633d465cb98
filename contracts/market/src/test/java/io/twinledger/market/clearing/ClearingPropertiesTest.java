package io.twinledger.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.market.order.Order;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random books (up to 12 orders a side, prices on a coarse grid so that ties are common, quantities
 * in Wh, fees and kappas varied), each cleared under all three rules and checked against a
 * brute-force equilibrium computed here independently of {@link Clearing}.
 */
class ClearingPropertiesTest {

  record Book(List<Order> bids, List<Order> asks, BigDecimal fee, BigDecimal kappa) {}

  @Provide
  Arbitrary<Book> books() {
    Arbitrary<BigDecimal> prices =
        Arbitraries.integers().between(80, 140).map(p -> BigDecimal.valueOf(p * 5L, 1));
    Arbitrary<BigDecimal> quantities =
        Arbitraries.oneOf(
                Arbitraries.integers().between(1, 20).map(q -> q * 100),
                Arbitraries.integers().between(1, 3000))
            .map(wh -> BigDecimal.valueOf(wh, 3));
    Arbitrary<List<BigDecimal[]>> side =
        Combinators.combine(prices, quantities)
            .as((p, q) -> new BigDecimal[] {p, q})
            .list()
            .ofMaxSize(12);
    Arbitrary<BigDecimal> fees = Arbitraries.of("0", "0.5", "2", "5").map(BigDecimal::new);
    Arbitrary<BigDecimal> kappas = Arbitraries.of("0", "0.5", "1", "0.3").map(BigDecimal::new);
    return Combinators.combine(side, side, fees, kappas)
        .as(
            (b, a, fee, kappa) -> {
              List<Order> bids = new ArrayList<>();
              for (int i = 0; i < b.size(); i++) {
                // Ids not in price order, so the id tie-break is exercised.
                bids.add(
                    Order.bid(
                        "b" + ((i * 7) % 13),
                        "buyer" + i,
                        b.get(i)[0].toPlainString(),
                        b.get(i)[1].toPlainString()));
              }
              List<Order> asks = new ArrayList<>();
              for (int i = 0; i < a.size(); i++) {
                asks.add(
                    Order.ask(
                        "a" + ((i * 5) % 13),
                        "seller" + i,
                        a.get(i)[0].toPlainString(),
                        a.get(i)[1].toPlainString()));
              }
              return new Book(bids, asks, fee, kappa);
            });
  }

  @Property(tries = 10_000)
  void clearsEveryBookAtMaximumVolumeWithNoUnmatchedPairLeft(@ForAll("books") Book book) {
    BigDecimal bruteForce = bruteForceMaximumVolume(book);

    ClearingResult uniform =
        Clearing.clear(
            new ClearingRule.UniformPrice(book.kappa()), book.fee(), book.bids(), book.asks());
    assertThat(uniform.volume()).isEqualByComparingTo(bruteForce);
    checkTrades(book, uniform);
    if (uniform.volume().signum() > 0) {
      BigDecimal p = uniform.price().orElseThrow();
      for (Trade t : uniform.trades()) {
        assertThat(t.price()).isEqualByComparingTo(p);
        assertThat(effective(book, order(book, t.bid()))).isGreaterThanOrEqualTo(p);
        assertThat(order(book, t.ask()).price()).isLessThanOrEqualTo(p);
      }
      Map<String, BigDecimal> filled = filled(uniform);
      for (Order bid : book.bids()) {
        for (Order ask : book.asks()) {
          boolean bidLeft =
              filled.getOrDefault(bid.id(), BigDecimal.ZERO).compareTo(bid.quantity()) < 0;
          boolean askLeft =
              filled.getOrDefault(ask.id(), BigDecimal.ZERO).compareTo(ask.quantity()) < 0;
          boolean couldTrade =
              effective(book, bid).compareTo(p) >= 0 && p.compareTo(ask.price()) >= 0;
          assertThat(bidLeft && askLeft && couldTrade)
              .as("unmatched pair %s / %s could still trade at %s", bid, ask, p)
              .isFalse();
        }
      }
    } else {
      assertThat(uniform.price()).isEmpty();
    }

    ClearingResult payAsBid =
        Clearing.clear(new ClearingRule.PayAsBid(), book.fee(), book.bids(), book.asks());
    assertThat(payAsBid.volume()).isEqualByComparingTo(bruteForce);
    checkTrades(book, payAsBid);
    for (Trade t : payAsBid.trades()) {
      Order bid = order(book, t.bid());
      assertThat(t.price().add(book.fee())).isEqualByComparingTo(bid.price());
      assertThat(order(book, t.ask()).price()).isLessThanOrEqualTo(t.price());
    }

    ClearingResult mcAfee =
        Clearing.clear(new ClearingRule.TradeReduction(), book.fee(), book.bids(), book.asks());
    checkTrades(book, mcAfee);
    assertThat(mcAfee.surplus()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
    for (Trade t : mcAfee.trades()) {
      assertThat(effective(book, order(book, t.bid()))).isGreaterThanOrEqualTo(t.buyerPrice());
      assertThat(order(book, t.ask()).price()).isLessThanOrEqualTo(t.price());
    }
    assertThat(mcAfee.volume())
        .as("McAfee gives up at most the marginal pair's quantity")
        .isGreaterThanOrEqualTo(
            uniform.volume().subtract(marginalPairQuantity(book, uniform.volume())));
    assertThat(mcAfee.volume()).isLessThanOrEqualTo(uniform.volume());
  }

  /** Trades sum to the volume, pair each bid and ask at most once, and fill no order beyond it. */
  private static void checkTrades(Book book, ClearingResult result) {
    Set<String> pairs = new HashSet<>();
    BigDecimal sum = BigDecimal.ZERO;
    for (Trade t : result.trades()) {
      assertThat(pairs.add(t.bid() + "/" + t.ask())).as("duplicate trade %s", t).isTrue();
      assertThat(t.quantity().signum()).isPositive();
      assertThat(t.quantity().scale()).isEqualTo(3);
      sum = sum.add(t.quantity());
    }
    assertThat(sum).isEqualByComparingTo(result.volume());
    filled(result)
        .forEach((id, q) -> assertThat(q).isLessThanOrEqualTo(order(book, id).quantity()));
  }

  private static Map<String, BigDecimal> filled(ClearingResult result) {
    Map<String, BigDecimal> filled = new HashMap<>();
    for (Trade t : result.trades()) {
      filled.merge(t.bid(), t.quantity(), BigDecimal::add);
      filled.merge(t.ask(), t.quantity(), BigDecimal::add);
    }
    return filled;
  }

  /** max over every price point of the book of min(demand(p), supply(p)). */
  private static BigDecimal bruteForceMaximumVolume(Book book) {
    TreeSet<BigDecimal> points = new TreeSet<>();
    book.bids().forEach(b -> points.add(effective(book, b)));
    book.asks().forEach(a -> points.add(a.price()));
    BigDecimal best = BigDecimal.ZERO;
    for (BigDecimal p : points) {
      BigDecimal demand =
          book.bids().stream()
              .filter(b -> effective(book, b).compareTo(p) >= 0)
              .map(Order::quantity)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal supply =
          book.asks().stream()
              .filter(a -> a.price().compareTo(p) <= 0)
              .map(Order::quantity)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      best = best.max(demand.min(supply));
    }
    return best;
  }

  /** The larger quantity of the bid and the ask holding the last traded kWh, by rank. */
  private static BigDecimal marginalPairQuantity(Book book, BigDecimal volume) {
    if (volume.signum() == 0) {
      return BigDecimal.ZERO;
    }
    List<Order> bids = new ArrayList<>(book.bids());
    bids.sort(
        Comparator.comparing((Order o) -> effective(book, o)).reversed().thenComparing(Order::id));
    List<Order> asks = new ArrayList<>(book.asks());
    asks.sort(Comparator.comparing(Order::price).thenComparing(Order::id));
    return marginal(bids, volume).quantity().max(marginal(asks, volume).quantity());
  }

  private static Order marginal(List<Order> ranked, BigDecimal volume) {
    BigDecimal cumulative = BigDecimal.ZERO;
    for (Order o : ranked) {
      cumulative = cumulative.add(o.quantity());
      if (cumulative.compareTo(volume) >= 0) {
        return o;
      }
    }
    throw new AssertionError("volume beyond the curve");
  }

  private static BigDecimal effective(Book book, Order bid) {
    return bid.price().subtract(book.fee());
  }

  private static Order order(Book book, String id) {
    return java.util.stream.Stream.concat(book.bids().stream(), book.asks().stream())
        .filter(o -> o.id().equals(id))
        .findFirst()
        .orElseThrow();
  }
}
