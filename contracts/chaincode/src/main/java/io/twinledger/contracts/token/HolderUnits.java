package io.twinledger.contracts.token;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * A holder's units: in a balance list, a mint and a record-date snapshot.
 *
 * @param holder the holder's id
 * @param units whole token units, positive
 */
@DataType
public record HolderUnits(@Property String holder, @Property long units) {

  /** Writes {@code holdings} as a JSON array of {@code {"holder", "units"}}, in the order given. */
  static void write(JSONStringer json, HolderUnits[] holdings) {
    json.array();
    for (HolderUnits holding : holdings) {
      json.object()
          .key("holder")
          .value(holding.holder())
          .key("units")
          .value(holding.units())
          .endObject();
    }
    json.endArray();
  }

  /** Reads what {@link #write} wrote. */
  static HolderUnits[] read(JSONArray array) {
    HolderUnits[] holdings = new HolderUnits[array.length()];
    for (int i = 0; i < holdings.length; i++) {
      JSONObject holding = array.getJSONObject(i);
      holdings[i] = new HolderUnits(holding.getString("holder"), holding.getLong("units"));
    }
    return holdings;
  }
}
