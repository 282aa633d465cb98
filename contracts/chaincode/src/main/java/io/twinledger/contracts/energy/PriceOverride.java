package io.twinledger.contracts.energy;

import io.twinledger.contracts.token.ChainJson;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONObject;

/**
 * A household's price limits for one future slot, replacing its standing limits there.
 *
 * @param householdId the household
 * @param slot the slot's start, ISO-8601 UTC
 * @param minSellPrice minimum sell price per kWh, decimal text; empty for the standing limit
 * @param maxBuyPrice maximum buy price per kWh, decimal text; empty for the standing limit
 */
@DataType
public record PriceOverride(
    @Property String householdId,
    @Property String slot,
    @Property String minSellPrice,
    @Property String maxBuyPrice) {

  byte[] toState() {
    return ChainJson.fields(
            "householdId",
            householdId,
            "slot",
            slot,
            "minSellPrice",
            minSellPrice,
            "maxBuyPrice",
            maxBuyPrice)
        .getBytes(StandardCharsets.UTF_8);
  }

  static PriceOverride fromState(byte[] value) {
    JSONObject json = ChainJson.object(value, "price override");
    return new PriceOverride(
        json.getString("householdId"),
        json.getString("slot"),
        json.getString("minSellPrice"),
        json.getString("maxBuyPrice"));
  }
}
