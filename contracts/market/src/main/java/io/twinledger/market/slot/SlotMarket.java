package io.twinledger.market.slot;

import io.twinledger.market.battery.BatteryState;
import io.twinledger.market.battery.CommunityBattery;
import io.twinledger.market.order.Order;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.terms.MarketTerms;
import io.twinledger.market.terms.PriceLimits;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    throw new UnsupportedOperationException("not yet");
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
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The battery taking part in a slot.
   *
   * @param battery the battery
   * @param state its state at the slot's start
   */
  public record BatteryInSlot(CommunityBattery battery, BatteryState state) {}
}
