package io.twinledger.market.battery;

import io.twinledger.market.order.Order;
import io.twinledger.market.order.Side;
import io.twinledger.market.terms.MarketTerms;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The community battery's strategy: charge from the community's surplus, discharge into its
 * deficit, within the battery's limits, and never crowd out a household.
 *
 * <ul>
 *   <li>Community surplus ({@code net < 0}): a bid for {@code min(-net, chargeLimit)} at {@code
 *       min(feedInTariff + gridFee, retailTariff)}: the seller gets at least what the utility would
 *       pay, and households, who bid up to the retail tariff, are served first.
 *   <li>Community deficit ({@code net > 0}): an ask for {@code min(net, dischargeLimit)} at {@code
 *       max(retailTariff - gridFee, feedInTariff)}: a buyer pays at most what the utility would
 *       charge, and households' surplus, offered from the feed-in tariff, sells first.
 *   <li>Balanced, or nothing the battery can move: no order.
 * </ul>
 */
public final class BatteryStrategy {

  private BatteryStrategy() {}

  /**
   * The battery's order for a slot.
   *
   * @param orderId the order's id
   * @param battery the battery
   * @param state its state at the slot's start
   * @param communityNetKwh the households' summed net position ({@code import - export})
   * @param terms the market's terms
   */
  public static Optional<Order> order(
      String orderId,
      CommunityBattery battery,
      BatteryState state,
      BigDecimal communityNetKwh,
      MarketTerms terms) {
    if (communityNetKwh.signum() < 0) {
      BigDecimal quantity = communityNetKwh.negate().min(battery.chargeLimitKwh(state));
      BigDecimal price = terms.feedInTariff().add(terms.gridFee()).min(terms.retailTariff());
      return quantity.signum() > 0
          ? Optional.of(new Order(orderId, battery.participant(), Side.BID, price, quantity))
          : Optional.empty();
    }
    if (communityNetKwh.signum() > 0) {
      BigDecimal quantity = communityNetKwh.min(battery.dischargeLimitKwh(state));
      BigDecimal price = terms.retailTariff().subtract(terms.gridFee()).max(terms.feedInTariff());
      return quantity.signum() > 0
          ? Optional.of(new Order(orderId, battery.participant(), Side.ASK, price, quantity))
          : Optional.empty();
    }
    return Optional.empty();
  }
}
