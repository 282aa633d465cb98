package io.twinledger.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.market.order.InvalidOrderException;
import io.twinledger.market.order.Order;
import io.twinledger.market.order.Side;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClearingTest {

  private static final ClearingRule UNIFORM = ClearingRule.defaultRule();
  private static final BigDecimal NO_FEE = BigDecimal.ZERO;

  private static Order bid(String id, String price, String quantity) {
    return Order.bid(id, "buyer-" + id, price, quantity);
  }

  private static Order ask(String id, String price, String quantity) {
    return Order.ask(id, "seller-" + id, price, quantity);
  }

  private static BigDecimal d(String text) {
    return new BigDecimal(text);
  }

  private static Map<String, BigDecimal> filled(List<Trade> trades, boolean bids) {
    return trades.stream()
        .collect(Collectors.toMap(t -> bids ? t.bid() : t.ask(), Trade::quantity, BigDecimal::add));
  }

  @Test
  void workedExampleOfTheReferenceClears1point3KwhAt115() {
    ClearingResult result =
        Clearing.clear(
            UNIFORM,
            NO_FEE,
            List.of(bid("b1", "150", "0.6"), bid("b2", "130", "0.7"), bid("b3", "110", "0.9")),
            List.of(ask("a1", "90", "0.8"), ask("a2", "100", "0.5"), ask("a3", "120", "1.0")));

    assertThat(result.volume()).isEqualByComparingTo("1.3");
    assertThat(result.price()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("115"));
    assertThat(result.trades())
        .containsExactly(
            new Trade("b1", "a1", "buyer-b1", "seller-a1", d("0.600"), d("115"), d("115")),
            new Trade("b2", "a1", "buyer-b2", "seller-a1", d("0.200"), d("115"), d("115")),
            new Trade("b2", "a2", "buyer-b2", "seller-a2", d("0.500"), d("115"), d("115")));
  }

  @Test
  void kappaPicksThePriceInTheEquilibriumInterval() {
    List<Order> bids =
        List.of(bid("b1", "150", "0.6"), bid("b2", "130", "0.7"), bid("b3", "110", "0.9"));
    List<Order> asks =
        List.of(ask("a1", "90", "0.8"), ask("a2", "100", "0.5"), ask("a3", "120", "1.0"));

    assertThat(Clearing.clear(new ClearingRule.UniformPrice(d("0")), NO_FEE, bids, asks).price())
        .hasValue(d("110"));
    assertThat(Clearing.clear(new ClearingRule.UniformPrice(d("1")), NO_FEE, bids, asks).price())
        .hasValue(d("120"));
    assertThat(Clearing.clear(new ClearingRule.UniformPrice(d("0.25")), NO_FEE, bids, asks).price())
        .hasValue(d("112.5"));
  }

  @Test
  void gridFeeIsCountedOnceAndPaidByTheBuyer() {
    // Effective bid 150 - 10 = 140 against the ask of 100: interval [100, 140], p = 120 for the
    // seller; the buyer pays 130. A fee counted on both sides would give the seller 110.
    ClearingResult result =
        Clearing.clear(
            UNIFORM, d("10"), List.of(bid("b", "150", "1")), List.of(ask("a", "100", "1")));

    assertThat(result.price()).hasValue(d("120"));
    Trade trade = result.trades().getFirst();
    assertThat(trade.price()).isEqualByComparingTo("120");
    assertThat(trade.buyerPrice().add(d("10"))).isEqualByComparingTo("130");
  }

  @Test
  void feeIsSubtractedFromBidsNeverAddedToAsks() {
    // bid 105 >= ask 100, but not >= ask + fee 10: no trade.
    ClearingResult result =
        Clearing.clear(
            UNIFORM, d("10"), List.of(bid("b", "105", "1")), List.of(ask("a", "100", "1")));

    assertThat(result.volume()).isEqualByComparingTo("0");
    assertThat(result.price()).isEmpty();
    assertThat(result.trades()).isEmpty();

    ClearingResult justEnough =
        Clearing.clear(
            UNIFORM, d("10"), List.of(bid("b", "110", "1")), List.of(ask("a", "100", "1")));
    assertThat(justEnough.volume()).isEqualByComparingTo("1");
    assertThat(justEnough.price()).hasValue(d("100"));
  }

  @Test
  void equalPricesAtTheClearingPointTrade() {
    ClearingResult result =
        Clearing.clear(
            UNIFORM,
            NO_FEE,
            List.of(bid("b1", "100", "1"), bid("b2", "100", "1")),
            List.of(ask("a1", "100", "1.5"), ask("a2", "101", "1")));

    assertThat(result.volume()).isEqualByComparingTo("1.5");
    assertThat(result.price()).hasValue(d("100"));
    // The two equal bids at the margin share 1.5 kWh pro rata: 0.75 each.
    assertThat(filled(result.trades(), true))
        .containsEntry("b1", d("0.750"))
        .containsEntry("b2", d("0.750"));
  }

  @Test
  void tieBetweenSellersAtTheMarginIsSplitProRataToQuantity() {
    // 1.2 kWh of demand; 0.5 kWh at 80 is filled, then sellers c (0.4) and b (1.2) tie at 90 for
    // the remaining 0.7: pro rata 0.175 and 0.525, not "first come" or by id.
    ClearingResult result =
        Clearing.clear(
            UNIFORM,
            NO_FEE,
            List.of(bid("x", "120", "1.2")),
            List.of(ask("a", "80", "0.5"), ask("c", "90", "0.4"), ask("b", "90", "1.2")));

    assertThat(result.volume()).isEqualByComparingTo("1.2");
    assertThat(filled(result.trades(), false))
        .containsEntry("a", d("0.500"))
        .containsEntry("b", d("0.525"))
        .containsEntry("c", d("0.175"));
  }

  @Test
  void roundingAtTheMarginIsWholeWhByLargestRemainderThenOrderId() {
    // 0.001 kWh (1 Wh) among three equal sellers: 1/3 Wh each, remainders equal, so the smallest
    // id gets the Wh. 0.002 kWh: the two smallest ids. The sum is always exactly the volume.
    List<Order> asks = List.of(ask("s3", "50", "1"), ask("s1", "50", "1"), ask("s2", "50", "1"));

    ClearingResult one = Clearing.clear(UNIFORM, NO_FEE, List.of(bid("b", "60", "0.001")), asks);
    assertThat(filled(one.trades(), false)).containsOnlyKeys("s1").containsEntry("s1", d("0.001"));

    ClearingResult two = Clearing.clear(UNIFORM, NO_FEE, List.of(bid("b", "60", "0.002")), asks);
    assertThat(filled(two.trades(), false))
        .containsOnlyKeys("s1", "s2")
        .containsEntry("s1", d("0.001"))
        .containsEntry("s2", d("0.001"));

    // Unequal quantities: 4 Wh over sellers of 3 and 7 Wh: 1.2 and 2.8 Wh, floors 1 and 2, and
    // the larger remainder (0.8) takes the last Wh.
    ClearingResult uneven =
        Clearing.clear(
            UNIFORM,
            NO_FEE,
            List.of(bid("b", "60", "0.004")),
            List.of(ask("p", "50", "0.003"), ask("q", "50", "0.007")));
    assertThat(filled(uneven.trades(), false))
        .containsEntry("p", d("0.001"))
        .containsEntry("q", d("0.003"));
  }

  @Test
  void noDuplicateTradesEachPairOfOrdersTradesOnce() {
    ClearingResult result =
        Clearing.clear(
            UNIFORM,
            NO_FEE,
            List.of(bid("b1", "200", "1.5"), bid("b2", "190", "2.5"), bid("b3", "180", "1")),
            List.of(
                ask("a1", "100", "1"),
                ask("a2", "110", "1"),
                ask("a3", "120", "2"),
                ask("a4", "130", "1")));

    assertThat(result.trades().stream().map(t -> t.bid() + "/" + t.ask())).doesNotHaveDuplicates();
    assertThat(
            result.trades().stream().map(Trade::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(result.volume());
    assertThat(result.volume()).isEqualByComparingTo("5");
  }

  @Test
  void priceComesFromTheIntervalNotFromAveragingTheMarginalOrders() {
    // Averaging the marginal orders (150 and 90) would give 120, where the unserved bid of 140
    // still wants to buy: not an equilibrium. The interval is [max(90, 140), min(150, 145)] =
    // [140, 145].
    ClearingResult result =
        Clearing.clear(
            UNIFORM,
            NO_FEE,
            List.of(bid("b1", "150", "1"), bid("b2", "140", "1")),
            List.of(ask("a1", "90", "1"), ask("a2", "145", "1")));

    assertThat(result.volume()).isEqualByComparingTo("1");
    assertThat(result.price()).hasValue(d("142.5"));
  }

  @Test
  void tradesLessThanTheEquilibriumVolumeNever_lineSweepPitfall() {
    // A line sweep that takes the first bid rate whose cumulative demand is covered stops at 130
    // here and trades 0.6 kWh; the equilibrium trades 1.3 kWh.
    ClearingResult result =
        Clearing.clear(
            UNIFORM,
            NO_FEE,
            List.of(bid("b1", "150", "0.6"), bid("b2", "130", "0.7")),
            List.of(ask("a1", "90", "0.8"), ask("a2", "100", "0.5")));

    assertThat(result.volume()).isEqualByComparingTo("1.3");
    assertThat(result.price()).hasValue(d("115"));
  }

  @Test
  void payAsBidTradesAtTheBidRateAndTheSellerGetsTheBidLessTheFee() {
    ClearingResult result =
        Clearing.clear(
            new ClearingRule.PayAsBid(),
            d("5"),
            List.of(bid("b1", "150", "0.6"), bid("b2", "130", "0.7"), bid("b3", "110", "0.9")),
            List.of(ask("a1", "90", "0.8"), ask("a2", "100", "0.5"), ask("a3", "120", "1.0")));

    assertThat(result.price()).isEmpty();
    assertThat(result.volume()).isEqualByComparingTo("1.3");
    assertThat(result.trades())
        .extracting(Trade::bid, Trade::ask, Trade::price)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("b1", "a1", d("145")),
            org.assertj.core.groups.Tuple.tuple("b2", "a1", d("125")),
            org.assertj.core.groups.Tuple.tuple("b2", "a2", d("125")));
  }

  @Test
  void mcAfeeTradesEveryoneAtTheCandidatePriceWhenItLiesBetweenTheMarginalPrices() {
    // k: bid 130, ask 100; next bid 110, next ask 120: p0 = 115 in [100, 130].
    ClearingResult result =
        Clearing.clear(
            new ClearingRule.TradeReduction(),
            NO_FEE,
            List.of(bid("b1", "150", "0.6"), bid("b2", "130", "0.7"), bid("b3", "110", "0.9")),
            List.of(ask("a1", "90", "0.8"), ask("a2", "100", "0.5"), ask("a3", "120", "1.0")));

    assertThat(result.price()).hasValue(d("115"));
    assertThat(result.volume()).isEqualByComparingTo("1.3");
    assertThat(result.surplus()).isEqualByComparingTo("0");
  }

  @Test
  void mcAfeeLeavesOutTheMarginalPairWhenTheCandidateFallsOutside() {
    // Marginal pair: bid b2 (130) and ask a2 (125); next: bid b3 (100) and ask a3 (200): p0 =
    // 150 > 130. b1 and a1 trade 1 kWh; the buyer pays 130, the seller gets 125, 5 to the
    // community.
    ClearingResult result =
        Clearing.clear(
            new ClearingRule.TradeReduction(),
            NO_FEE,
            List.of(bid("b1", "150", "1"), bid("b2", "130", "1"), bid("b3", "100", "1")),
            List.of(ask("a1", "90", "1"), ask("a2", "125", "1"), ask("a3", "200", "1")));

    assertThat(result.volume()).isEqualByComparingTo("1");
    assertThat(result.price()).hasValue(d("125"));
    assertThat(result.trades())
        .containsExactly(
            new Trade("b1", "a1", "buyer-b1", "seller-a1", d("1.000"), d("125"), d("130")));
    assertThat(result.surplus()).isEqualByComparingTo("5");
  }

  @Test
  void refusesSelfTrade() {
    assertThatThrownBy(
            () ->
                Clearing.clear(
                    UNIFORM,
                    NO_FEE,
                    List.of(Order.bid("b", "house-7", "120", "1")),
                    List.of(Order.ask("a", "house-7", "100", "1"))))
        .isInstanceOf(InvalidBookException.class)
        .hasMessageContaining("self-trade")
        .hasMessageContaining("house-7")
        .hasMessageContaining("b")
        .hasMessageContaining("a");
  }

  @Test
  void refusesDuplicateIdsAndOrdersOnTheWrongSide() {
    assertThatThrownBy(
            () ->
                Clearing.clear(
                    UNIFORM, NO_FEE, List.of(bid("x", "120", "1")), List.of(ask("x", "100", "1"))))
        .isInstanceOf(InvalidBookException.class)
        .hasMessage("duplicate order id x");
    assertThatThrownBy(
            () -> Clearing.clear(UNIFORM, NO_FEE, List.of(ask("a", "100", "1")), List.of()))
        .isInstanceOf(InvalidBookException.class)
        .hasMessage("order a is an ask but is in the bids");
    assertThatThrownBy(() -> Clearing.clear(UNIFORM, d("-1"), List.of(), List.of()))
        .isInstanceOf(InvalidBookException.class)
        .hasMessageContaining("gridFee");
  }

  @Test
  void refusesBadQuantitiesAndPricesNamingTheOrderAndField() {
    assertThatThrownBy(() -> Order.bid("o1", "h", "100", "-0.5"))
        .isInstanceOf(InvalidOrderException.class)
        .hasMessage("order o1: quantity must be more than 0 kWh (was -0.5)");
    assertThatThrownBy(() -> Order.bid("o2", "h", "100", "0"))
        .isInstanceOf(InvalidOrderException.class)
        .hasMessageContaining("order o2: quantity must be more than 0");
    assertThatThrownBy(() -> Order.ask("o3", "h", "100", "0.0005"))
        .isInstanceOf(InvalidOrderException.class)
        .hasMessage("order o3: quantity has more than 3 decimals, finer than one Wh (was 0.0005)");
    assertThatThrownBy(() -> Order.ask("o4", "h", "-1", "1"))
        .isInstanceOf(InvalidOrderException.class)
        .hasMessage("order o4: price must be at least 0 (was -1)");
    assertThatThrownBy(() -> Order.ask("o5", "h", "0.12345", "1"))
        .isInstanceOf(InvalidOrderException.class)
        .hasMessage("order o5: price has more than 4 decimals (was 0.12345)");
    assertThatThrownBy(() -> new Order("o6", " ", Side.BID, d("1"), d("1")))
        .isInstanceOf(InvalidOrderException.class)
        .hasMessageContaining("order o6: participant");
  }

  @Test
  void trailingZerosDoNotChangeAnOrder() {
    assertThat(Order.bid("o", "h", "115.00", "1.5")).isEqualTo(Order.bid("o", "h", "115", "1.500"));
  }

  @Test
  void anEmptyOrOneSidedBookTradesNothing() {
    assertThat(Clearing.clear(UNIFORM, NO_FEE, List.of(), List.of()))
        .isEqualTo(ClearingResult.empty());
    assertThat(Clearing.clear(UNIFORM, NO_FEE, List.of(bid("b", "1", "1")), List.of()))
        .isEqualTo(ClearingResult.empty());
  }
}
