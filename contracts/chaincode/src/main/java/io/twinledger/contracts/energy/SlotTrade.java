package io.twinledger.contracts.energy;

import io.twinledger.market.clearing.Trade;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * A trade of a cleared slot, as contracts-market's clearing made it, between participants (the
 * orders' owners: each has one order per slot).
 *
 * @param bid the buyer, a household or the battery
 * @param ask the seller
 * @param quantity kWh traded, decimal text, three decimals
 * @param price what the seller receives per kWh, decimal text
 * @param buyerPrice what the buyer pays per kWh before the grid fee, decimal text; equal to {@code
 *     price} except in McAfee's reduced case
 */
@DataType
public record SlotTrade(
    @Property String bid,
    @Property String ask,
    @Property String quantity,
    @Property String price,
    @Property String buyerPrice) {

  static SlotTrade of(Trade trade) {
    return new SlotTrade(
        trade.buyer(),
        trade.seller(),
        trade.quantity().toPlainString(),
        trade.price().toPlainString(),
        trade.buyerPrice().toPlainString());
  }

  boolean involves(String participant) {
    return bid.equals(participant) || ask.equals(participant);
  }

  void write(JSONStringer json) {
    json.object()
        .key("bid")
        .value(bid)
        .key("ask")
        .value(ask)
        .key("quantity")
        .value(quantity)
        .key("price")
        .value(price)
        .key("buyerPrice")
        .value(buyerPrice)
        .endObject();
  }

  static SlotTrade[] readAll(JSONArray array) {
    SlotTrade[] trades = new SlotTrade[array.length()];
    for (int i = 0; i < trades.length; i++) {
      JSONObject json = array.getJSONObject(i);
      trades[i] =
          new SlotTrade(
              json.getString("bid"),
              json.getString("ask"),
              json.getString("quantity"),
              json.getString("price"),
              json.getString("buyerPrice"));
    }
    return trades;
  }
}
