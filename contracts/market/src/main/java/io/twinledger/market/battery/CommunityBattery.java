package io.twinledger.market.battery;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The community battery: a market participant with its own strategy ({@link BatteryStrategy}). Its
 * revenue is the community's.
 *
 * <p>Conventions: energy is metered at the grid side. The whole round-trip efficiency is applied on
 * charging: buying {@code e} kWh stores {@code e * roundTripEfficiency}; discharging {@code e} kWh
 * takes {@code e} from the store (so the round trip loses {@code 1 - roundTripEfficiency}, and the
 * state stays an exact decimal; splitting it as a square root on both ways would not). In one slot
 * the battery moves at most {@code powerKw * 0.25 h} at the grid side, and its state stays within
 * {@code [minSocKwh, capacityKwh]}. Limits are rounded down to the Wh, so they are never exceeded.
 *
 * @param participant the battery's participant id in the market
 * @param capacityKwh the most it stores, {@code > 0}
 * @param powerKw the converter's power, {@code > 0}
 * @param roundTripEfficiency {@code 0 < roundTripEfficiency <= 1}
 * @param minSocKwh the least it keeps stored, {@code 0 <= minSocKwh < capacityKwh}
 */
public record CommunityBattery(
    String participant,
    BigDecimal capacityKwh,
    BigDecimal powerKw,
    BigDecimal roundTripEfficiency,
    BigDecimal minSocKwh) {

  /** A slot's length in hours: 15 minutes. */
  public static final BigDecimal SLOT_HOURS = new BigDecimal("0.25");

  public CommunityBattery {
    if (participant == null || participant.isBlank()) {
      throw new IllegalArgumentException("the battery needs a participant id");
    }
    Objects.requireNonNull(capacityKwh, "capacityKwh");
    Objects.requireNonNull(powerKw, "powerKw");
    Objects.requireNonNull(roundTripEfficiency, "roundTripEfficiency");
    Objects.requireNonNull(minSocKwh, "minSocKwh");
    if (capacityKwh.signum() <= 0) {
      throw new IllegalArgumentException(
          "battery "
              + participant
              + ": capacityKwh must be more than 0 (was "
              + capacityKwh.toPlainString()
              + ")");
    }
    if (powerKw.signum() <= 0) {
      throw new IllegalArgumentException(
          "battery "
              + participant
              + ": powerKw must be more than 0 (was "
              + powerKw.toPlainString()
              + ")");
    }
    if (roundTripEfficiency.signum() <= 0 || roundTripEfficiency.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(
          "battery "
              + participant
              + ": roundTripEfficiency must be in (0, 1] (was "
              + roundTripEfficiency.toPlainString()
              + ")");
    }
    if (minSocKwh.signum() < 0 || minSocKwh.compareTo(capacityKwh) >= 0) {
      throw new IllegalArgumentException(
          "battery "
              + participant
              + ": minSocKwh must be in [0, capacityKwh) (was "
              + minSocKwh.toPlainString()
              + ")");
    }
  }

  /** The village's battery: 400 kWh of used EV batteries, a 180 kW converter. */
  public static CommunityBattery village(String participant) {
    return new CommunityBattery(
        participant,
        new BigDecimal("400"),
        new BigDecimal("180"),
        new BigDecimal("0.9"),
        new BigDecimal("40"));
  }

  /**
   * The most energy in or out in one slot at the grid side: {@code powerKw * 0.25 h}, to the Wh.
   */
  public BigDecimal slotEnergyKwh() {
    return powerKw.multiply(SLOT_HOURS).setScale(3, RoundingMode.DOWN);
  }

  /** The usable capacity, {@code capacityKwh - minSocKwh}: one full cycle discharges this much. */
  public BigDecimal usableKwh() {
    return capacityKwh.subtract(minSocKwh);
  }

  /**
   * The most the battery can buy in a slot from {@code state}, grid side, to the Wh (down): {@code
   * min(powerKw * 0.25, (capacityKwh - soc) / roundTripEfficiency)}, never negative.
   */
  public BigDecimal chargeLimitKwh(BatteryState state) {
    BigDecimal room = capacityKwh.subtract(state.stateOfChargeKwh()).max(BigDecimal.ZERO);
    BigDecimal byEnergy = room.divide(roundTripEfficiency, 3, RoundingMode.DOWN);
    return byEnergy.min(slotEnergyKwh());
  }

  /**
   * The most the battery can sell in a slot from {@code state}, to the Wh (down): {@code
   * min(powerKw * 0.25, soc - minSocKwh)}, never negative.
   */
  public BigDecimal dischargeLimitKwh(BatteryState state) {
    BigDecimal available =
        state
            .stateOfChargeKwh()
            .subtract(minSocKwh)
            .max(BigDecimal.ZERO)
            .setScale(3, RoundingMode.DOWN);
    return available.min(slotEnergyKwh());
  }

  /**
   * The state after a slot in which the battery bought {@code chargedKwh} and sold {@code
   * dischargedKwh}: {@code soc + chargedKwh * roundTripEfficiency - dischargedKwh}, exact.
   *
   * @throws IllegalArgumentException if a quantity is negative or beyond the slot's limit
   */
  public BatteryState afterSlot(
      BatteryState before, BigDecimal chargedKwh, BigDecimal dischargedKwh) {
    if (chargedKwh.signum() < 0 || chargedKwh.compareTo(chargeLimitKwh(before)) > 0) {
      throw new IllegalArgumentException(
          "battery "
              + participant
              + ": charged "
              + chargedKwh.toPlainString()
              + " kWh is outside [0, "
              + chargeLimitKwh(before).toPlainString()
              + "]");
    }
    if (dischargedKwh.signum() < 0 || dischargedKwh.compareTo(dischargeLimitKwh(before)) > 0) {
      throw new IllegalArgumentException(
          "battery "
              + participant
              + ": discharged "
              + dischargedKwh.toPlainString()
              + " kWh is outside [0, "
              + dischargeLimitKwh(before).toPlainString()
              + "]");
    }
    return new BatteryState(
        before
            .stateOfChargeKwh()
            .add(chargedKwh.multiply(roundTripEfficiency))
            .subtract(dischargedKwh));
  }
}
