package io.twinledger.market.slot;

import io.twinledger.market.battery.BatteryState;
import io.twinledger.market.battery.BatteryStrategy;
import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.market.clearing.Clearing;
import io.twinledger.market.clearing.ClearingResult;
import io.twinledger.market.clearing.Trade;
import io.twinledger.market.order.Order;
import io.twinledger.market.order.Side;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.settlement.SlotAccounts;
import io.twinledger.market.settlement.SlotSettlement;
import io.twinledger.market.terms.MarketTerms;
import io.twinledger.market.terms.PriceLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one function per slot that the chaincode and the simulation both call: metered positions and
 * price limits (and the battery) become orders, the orders are cleared under the terms' rule, and
 * the result is settled against the positions.
 *
 * <ol>
 *   <li>Each household's net position ({@code import - export}) becomes one order: a deficit a bid
 *       at its {@link PriceLimits#maxBuyPrice()}, a surplus an ask at its {@link
 *       PriceLimits#minSellPrice()}; a zero net no order. Households without limits get the terms'
 *       defaults, the tariffs. Every limit is checked against the tariff bounds.
 *   <li>The battery, if any, adds its order from the households' summed net ({@link
 *       io.twinledger.market.battery.BatteryStrategy}).
 *   <li>Order ids are {@link #orderId(SlotId, String) participant@slot}.
 *   <li>Clearing ({@link io.twinledger.market.clearing.Clearing}), then settlement ({@link
 *       io.twinledger.market.settlement.SlotSettlement}); the battery is settled on what it traded
 *       (its import is what it bought, its export what it sold), so it never deals with the
 *       utility; its state moves by what it traded.
 * </ol>
 */
public final class SlotMarket {

  private SlotMarket() {}

  /** The id of {@code participant}'s order in {@code slot}: {@code participant + "@" + slot}. */
  public static String orderId(SlotId slot, String participant) {
    return participant + "@" + slot;
  }

  /**
   * The households' orders for a slot (step 1), bids and asks together, ordered by order id.
   *
   * @throws io.twinledger.market.terms.PriceOutOfBoundsException for a limit outside the tariffs
   * @throws IllegalArgumentException for two positions of one participant
   */
  public static List<Order> orders(
      SlotId slot,
      MarketTerms terms,
      List<MeteredPosition> positions,
      Map<String, PriceLimits> limits) {
    Set<String> seen = new HashSet<>();
    List<Order> orders = new ArrayList<>();
    for (MeteredPosition p : positions) {
      if (!seen.add(p.participant())) {
        throw new IllegalArgumentException("two metered positions of " + p.participant());
      }
      int sign = p.netKwh().signum();
      if (sign == 0) {
        continue;
      }
      PriceLimits own = limits.getOrDefault(p.participant(), terms.defaultLimits());
      own.checkedAgainst(terms);
      Side side = sign > 0 ? Side.BID : Side.ASK;
      orders.add(
          new Order(
              orderId(slot, p.participant()),
              p.participant(),
              side,
              own.forSide(side),
              p.netKwh().abs()));
    }
    orders.sort(Comparator.comparing(Order::id));
    return orders;
  }

  /** Runs a slot without a battery. */
  public static SlotOutcome run(
      SlotId slot,
      MarketTerms terms,
      List<MeteredPosition> positions,
      Map<String, PriceLimits> limits) {
    return run(slot, terms, positions, limits, Optional.empty());
  }

  /**
   * Runs a slot.
   *
   * @param slot the slot
   * @param terms the market's terms
   * @param positions the households' metered positions, one per household (not the battery)
   * @param limits price limits by participant; missing ones default to the tariffs
   * @param battery the battery and its state at the slot's start, if the community has one
   * @throws io.twinledger.market.terms.PriceOutOfBoundsException for a limit outside the tariffs
   * @throws IllegalArgumentException for two positions of one participant, or a position of the
   *     battery's participant
   */
  public static SlotOutcome run(
      SlotId slot,
      MarketTerms terms,
      List<MeteredPosition> positions,
      Map<String, PriceLimits> limits,
      Optional<BatteryInSlot> battery) {
    List<Order> orders = new ArrayList<>(orders(slot, terms, positions, limits));
    List<MeteredPosition> settled = new ArrayList<>(positions);
    Optional<Order> batteryOrder = Optional.empty();
    if (battery.isPresent()) {
      CommunityBattery b = battery.get().battery();
      if (positions.stream().anyMatch(p -> p.participant().equals(b.participant()))) {
        throw new IllegalArgumentException(
            "the battery "
                + b.participant()
                + " is settled on its trades; it has no metered position");
      }
      BigDecimal communityNet =
          positions.stream().map(MeteredPosition::netKwh).reduce(BigDecimal.ZERO, BigDecimal::add);
      batteryOrder =
          BatteryStrategy.order(
              orderId(slot, b.participant()), b, battery.get().state(), communityNet, terms);
      batteryOrder.ifPresent(orders::add);
    }
    List<Order> bids = orders.stream().filter(o -> o.side() == Side.BID).toList();
    List<Order> asks = orders.stream().filter(o -> o.side() == Side.ASK).toList();
    ClearingResult clearing = Clearing.clear(terms.rule(), terms.gridFee(), bids, asks);
    Optional<BatteryState> after = Optional.empty();
    if (battery.isPresent()) {
      CommunityBattery b = battery.get().battery();
      BigDecimal charged = BigDecimal.ZERO.setScale(3);
      BigDecimal discharged = BigDecimal.ZERO.setScale(3);
      for (Trade t : clearing.trades()) {
        if (t.buyer().equals(b.participant())) {
          charged = charged.add(t.quantity());
        }
        if (t.seller().equals(b.participant())) {
          discharged = discharged.add(t.quantity());
        }
      }
      if (batteryOrder.isPresent()) {
        settled.add(new MeteredPosition(b.participant(), charged, discharged));
      }
      after = Optional.of(b.afterSlot(battery.get().state(), charged, discharged));
    }
    SlotAccounts accounts = SlotSettlement.settle(terms, settled, clearing);
    return new SlotOutcome(slot, bids, asks, clearing, accounts, after);
  }

  /**
   * The battery taking part in a slot.
   *
   * @param battery the battery
   * @param state its state at the slot's start
   */
  public record BatteryInSlot(CommunityBattery battery, BatteryState state) {}
}
