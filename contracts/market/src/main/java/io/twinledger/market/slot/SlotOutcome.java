package io.twinledger.market.slot;

import io.twinledger.market.battery.BatteryState;
import io.twinledger.market.clearing.ClearingResult;
import io.twinledger.market.order.Order;
import io.twinledger.market.settlement.SlotAccounts;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one slot's market produced.
 *
 * @param slot the slot
 * @param bids the bids, households' then the battery's, ordered by order id
 * @param asks the asks, likewise
 * @param clearing the clearing result
 * @param accounts the settlement, one account per household and one for the battery if it traded or
 *     had an order
 * @param batteryAfter the battery's state after the slot; empty without a battery
 */
public record SlotOutcome(
    SlotId slot,
    List<Order> bids,
    List<Order> asks,
    ClearingResult clearing,
    SlotAccounts accounts,
    Optional<BatteryState> batteryAfter) {

  public SlotOutcome {
    Objects.requireNonNull(slot, "slot");
    bids = List.copyOf(bids);
    asks = List.copyOf(asks);
    Objects.requireNonNull(clearing, "clearing");
    Objects.requireNonNull(accounts, "accounts");
    Objects.requireNonNull(batteryAfter, "batteryAfter");
  }
}
