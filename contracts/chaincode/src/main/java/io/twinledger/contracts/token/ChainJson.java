package io.twinledger.contracts.token;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * The JSON the {@code twinledger-bonds} chaincode writes and reads: world-state records and event
 * payloads. What it writes has its fields in a fixed order, so every endorser produces the same
 * bytes.
 */
public final class ChainJson {

  private ChainJson() {}

  /**
   * {@code value} as a JSON object.
   *
   * @param what the kind of record, for the message
   * @throws IllegalStateException if it is not JSON, which only a foreign writer could cause
   */
  public static JSONObject object(byte[] value, String what) {
    try {
      return new JSONObject(new String(value, StandardCharsets.UTF_8));
    } catch (JSONException e) {
      throw new IllegalStateException(
          "a stored " + what + " is not readable: " + e.getMessage(), e);
    }
  }

  /** A JSON object of {@code keysAndValues} (key, value, key, value, …), in that order. */
  public static String fields(Object... keysAndValues) {
    JSONStringer json = new JSONStringer();
    json.object();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      json.key((String) keysAndValues[i]).value(keysAndValues[i + 1]);
    }
    return json.endObject().toString();
  }

  /** Sets the transaction's one chaincode event, its payload {@link #fields}. */
  public static void event(ChaincodeStub stub, String name, Object... keysAndValues) {
    stub.setEvent(name, fields(keysAndValues).getBytes(StandardCharsets.UTF_8));
  }
}
