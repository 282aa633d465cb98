package io.twinledger.market.simulation;

import io.twinledger.market.battery.CommunityBattery;
import java.math.BigDecimal;

/**
 * The community battery's year, with the extremes that show it stayed within its limits: its state
 * of charge within {@code [minSocKwh, capacityKwh]} at every slot boundary, and at most {@link
 * CommunityBattery#slotEnergyKwh()} in or out in any slot. kWh, exact.
 *
 * @param battery the battery
 * @param initialStateKwh its state at the year's start
 * @param finalStateKwh its state at the year's end
 * @param lowestStateKwh its lowest state at a slot boundary
 * @param highestStateKwh its highest state at a slot boundary
 * @param largestChargeKwh the most it bought in one slot
 * @param largestDischargeKwh the most it sold in one slot
 * @param activeSlots slots in which it bought or sold
 */
public record BatteryOutcome(
    CommunityBattery battery,
    BigDecimal initialStateKwh,
    BigDecimal finalStateKwh,
    BigDecimal lowestStateKwh,
    BigDecimal highestStateKwh,
    BigDecimal largestChargeKwh,
    BigDecimal largestDischargeKwh,
    int activeSlots) {

  /** Whether every extreme is within the battery's limits. */
  public boolean withinLimits() {
    return lowestStateKwh.compareTo(battery.minSocKwh()) >= 0
        && highestStateKwh.compareTo(battery.capacityKwh()) <= 0
        && largestChargeKwh.compareTo(battery.slotEnergyKwh()) <= 0
        && largestDischargeKwh.compareTo(battery.slotEnergyKwh()) <= 0;
  }
}
