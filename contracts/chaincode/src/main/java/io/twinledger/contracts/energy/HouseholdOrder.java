package io.twinledger.contracts.energy;

import io.twinledger.contracts.token.ChainJson;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * An order in a slot's book: a household's metered net position at its price limit, or the
 * community battery's order. The order id is the participant's id (one order per participant and
 * slot), so trades name participants.
 *
 * @param slot the slot's start, ISO-8601 UTC
 * @param participant the household's (or the battery's) id, also the order's id
 * @param side {@code BID} (a deficit, buying) or {@code ASK} (a surplus, selling)
 * @param price the limit per kWh, decimal text: the most a bid pays, the least an ask takes
 * @param quantity kWh, decimal text, positive, at most 3 decimals
 * @param txId the transaction that submitted it (the clearing's, for the battery's)
 */
@DataType
public record HouseholdOrder(
    @Property String slot,
    @Property String participant,
    @Property String side,
    @Property String price,
    @Property String quantity,
    @Property String txId) {

  byte[] toState() {
    JSONStringer json = new JSONStringer();
    write(json);
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  static HouseholdOrder fromState(byte[] value) {
    return read(ChainJson.object(value, "order"));
  }

  void write(JSONStringer json) {
    json.object()
        .key("slot")
        .value(slot)
        .key("participant")
        .value(participant)
        .key("side")
        .value(side)
        .key("price")
        .value(price)
        .key("quantity")
        .value(quantity)
        .key("txId")
        .value(txId)
        .endObject();
  }

  static HouseholdOrder read(JSONObject json) {
    return new HouseholdOrder(
        json.getString("slot"),
        json.getString("participant"),
        json.getString("side"),
        json.getString("price"),
        json.getString("quantity"),
        json.getString("txId"));
  }

  static HouseholdOrder[] readAll(JSONArray array) {
    HouseholdOrder[] orders = new HouseholdOrder[array.length()];
    for (int i = 0; i < orders.length; i++) {
      orders[i] = read(array.getJSONObject(i));
    }
    return orders;
  }
}
