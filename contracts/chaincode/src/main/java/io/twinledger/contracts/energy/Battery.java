package io.twinledger.contracts.energy;

import io.twinledger.contracts.token.ChainJson;
import io.twinledger.market.battery.BatteryState;
import io.twinledger.market.battery.CommunityBattery;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONObject;

/**
 * The community battery as the market knows it: contracts-market's {@link CommunityBattery}
 * parameters and its state of charge after the last slot cleared. Decimals are text.
 *
 * @param batteryId its participant id in the market
 * @param capacityKwh the most it stores
 * @param powerKw its converter's power; in a slot it moves at most {@code powerKw * 0.25 h}
 * @param roundTripEfficiency in (0, 1], applied on charging
 * @param minSocKwh the least it keeps stored
 * @param stateOfChargeKwh the energy stored now
 * @param lastSlot the last slot cleared with it, ISO-8601; empty before the first
 */
@DataType
public record Battery(
    @Property String batteryId,
    @Property String capacityKwh,
    @Property String powerKw,
    @Property String roundTripEfficiency,
    @Property String minSocKwh,
    @Property String stateOfChargeKwh,
    @Property String lastSlot) {

  CommunityBattery battery() {
    return new CommunityBattery(
        batteryId,
        new BigDecimal(capacityKwh),
        new BigDecimal(powerKw),
        new BigDecimal(roundTripEfficiency),
        new BigDecimal(minSocKwh));
  }

  BatteryState state() {
    return new BatteryState(new BigDecimal(stateOfChargeKwh));
  }

  Battery after(String slot, BatteryState state) {
    return new Battery(
        batteryId,
        capacityKwh,
        powerKw,
        roundTripEfficiency,
        minSocKwh,
        state.stateOfChargeKwh().toPlainString(),
        slot);
  }

  /** Whether {@code other} registers the same battery (state aside). */
  boolean sameParameters(Battery other) {
    return batteryId.equals(other.batteryId)
        && new BigDecimal(capacityKwh).compareTo(new BigDecimal(other.capacityKwh)) == 0
        && new BigDecimal(powerKw).compareTo(new BigDecimal(other.powerKw)) == 0
        && new BigDecimal(roundTripEfficiency).compareTo(new BigDecimal(other.roundTripEfficiency))
            == 0
        && new BigDecimal(minSocKwh).compareTo(new BigDecimal(other.minSocKwh)) == 0;
  }

  byte[] toState() {
    return ChainJson.fields(
            "batteryId",
            batteryId,
            "capacityKwh",
            capacityKwh,
            "powerKw",
            powerKw,
            "roundTripEfficiency",
            roundTripEfficiency,
            "minSocKwh",
            minSocKwh,
            "stateOfChargeKwh",
            stateOfChargeKwh,
            "lastSlot",
            lastSlot)
        .getBytes(StandardCharsets.UTF_8);
  }

  static Battery fromState(byte[] value) {
    JSONObject json = ChainJson.object(value, "battery");
    return new Battery(
        json.getString("batteryId"),
        json.getString("capacityKwh"),
        json.getString("powerKw"),
        json.getString("roundTripEfficiency"),
        json.getString("minSocKwh"),
        json.getString("stateOfChargeKwh"),
        json.getString("lastSlot"));
  }
}
