package io.twinledger.contracts.energy;

import io.twinledger.contracts.token.ChainJson;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * A cleared slot: its book, the clearing result, every participant's settlement and the
 * conservation figures it was recorded with. Its presence under {@code clearing~<slot>} closes the
 * slot. Decimals are text; amounts exact in the market's currency.
 *
 * @param slot the slot's start, ISO-8601 UTC
 * @param rule the clearing rule's name ({@link MarketConfig#rule()}), with {@code kappa} if any
 * @param price the uniform clearing price per kWh; empty when nothing traded or under a rule
 *     without one
 * @param volume kWh traded
 * @param orders the book: the households' orders and the battery's, by participant id
 * @param trades the trades
 * @param accounts one per participant with a metered position (and the battery if it traded), by
 *     participant id
 * @param soldKwh conservation: the kWh sold, which equals {@code boughtKwh}
 * @param boughtKwh conservation: the kWh bought
 * @param buyersPaid conservation: what buyers paid, fees included
 * @param sellersReceived conservation: what sellers received
 * @param fees conservation: the grid fees
 * @param mechanismSurplus conservation: McAfee's surplus, the community's ({@code buyersPaid =
 *     sellersReceived + fees + mechanismSurplus})
 * @param batteryBeforeKwh the battery's state of charge before the slot; empty without a battery
 * @param batteryAfterKwh its state of charge after the slot; empty without a battery
 * @param txId the clearing transaction
 * @param clearedAt its timestamp, ISO-8601 UTC
 */
@DataType
public record SlotClearing(
    @Property String slot,
    @Property String rule,
    @Property String price,
    @Property String volume,
    @Property HouseholdOrder[] orders,
    @Property SlotTrade[] trades,
    @Property SlotAccount[] accounts,
    @Property String soldKwh,
    @Property String boughtKwh,
    @Property String buyersPaid,
    @Property String sellersReceived,
    @Property String fees,
    @Property String mechanismSurplus,
    @Property String batteryBeforeKwh,
    @Property String batteryAfterKwh,
    @Property String txId,
    @Property String clearedAt) {

  byte[] toState() {
    JSONStringer json = new JSONStringer();
    json.object()
        .key("slot")
        .value(slot)
        .key("rule")
        .value(rule)
        .key("price")
        .value(price)
        .key("volume")
        .value(volume)
        .key("orders")
        .array();
    for (HouseholdOrder order : orders) {
      order.write(json);
    }
    json.endArray().key("trades").array();
    for (SlotTrade trade : trades) {
      trade.write(json);
    }
    json.endArray().key("accounts").array();
    for (SlotAccount account : accounts) {
      account.write(json);
    }
    json.endArray()
        .key("soldKwh")
        .value(soldKwh)
        .key("boughtKwh")
        .value(boughtKwh)
        .key("buyersPaid")
        .value(buyersPaid)
        .key("sellersReceived")
        .value(sellersReceived)
        .key("fees")
        .value(fees)
        .key("mechanismSurplus")
        .value(mechanismSurplus)
        .key("batteryBeforeKwh")
        .value(batteryBeforeKwh)
        .key("batteryAfterKwh")
        .value(batteryAfterKwh)
        .key("txId")
        .value(txId)
        .key("clearedAt")
        .value(clearedAt)
        .endObject();
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  static SlotClearing fromState(byte[] value) {
    JSONObject json = ChainJson.object(value, "slot clearing");
    return new SlotClearing(
        json.getString("slot"),
        json.getString("rule"),
        json.getString("price"),
        json.getString("volume"),
        HouseholdOrder.readAll(json.getJSONArray("orders")),
        SlotTrade.readAll(json.getJSONArray("trades")),
        SlotAccount.readAll(json.getJSONArray("accounts")),
        json.getString("soldKwh"),
        json.getString("boughtKwh"),
        json.getString("buyersPaid"),
        json.getString("sellersReceived"),
        json.getString("fees"),
        json.getString("mechanismSurplus"),
        json.getString("batteryBeforeKwh"),
        json.getString("batteryAfterKwh"),
        json.getString("txId"),
        json.getString("clearedAt"));
  }
}
