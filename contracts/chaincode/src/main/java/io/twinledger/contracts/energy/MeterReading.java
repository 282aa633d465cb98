package io.twinledger.contracts.energy;

import io.twinledger.contracts.token.ChainJson;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONObject;

/**
 * A household's metered energy in one slot: the increments of its import and export registers. Kept
 * in the private collection {@code residentMeterData}; the channel holds only its hash.
 *
 * @param householdId the household
 * @param slot the slot's start, ISO-8601 UTC
 * @param importKwh kWh drawn from the grid in the slot, at most 3 decimals, not negative
 * @param exportKwh kWh fed into the grid in the slot, at most 3 decimals, not negative
 */
@DataType
public record MeterReading(
    @Property String householdId,
    @Property String slot,
    @Property String importKwh,
    @Property String exportKwh) {

  byte[] toState() {
    return ChainJson.fields(
            "householdId",
            householdId,
            "slot",
            slot,
            "importKwh",
            importKwh,
            "exportKwh",
            exportKwh)
        .getBytes(StandardCharsets.UTF_8);
  }

  static MeterReading fromState(byte[] value) {
    JSONObject json = ChainJson.object(value, "meter reading");
    return new MeterReading(
        json.getString("householdId"),
        json.getString("slot"),
        json.getString("importKwh"),
        json.getString("exportKwh"));
  }
}
