package io.twinledger.contracts.token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * A mint, kept so that the same issuance id mints once.
 *
 * @param tokenId the token
 * @param issuanceId the issuance, unique per token
 * @param totalUnits the units minted in all
 * @param holdings what each holder received, in holder-id order
 * @param txId the transaction that minted
 */
@DataType
public record Issuance(
    @Property String tokenId,
    @Property String issuanceId,
    @Property long totalUnits,
    @Property HolderUnits[] holdings,
    @Property String txId) {

  /** Whether this issuance minted exactly {@code others} (in holder-id order). */
  boolean sameHoldings(HolderUnits[] others) {
    return Arrays.equals(holdings, others);
  }

  byte[] toState() {
    JSONStringer json = new JSONStringer();
    json.object()
        .key("tokenId")
        .value(tokenId)
        .key("issuanceId")
        .value(issuanceId)
        .key("totalUnits")
        .value(totalUnits)
        .key("holdings");
    HolderUnits.write(json, holdings);
    return json.key("txId").value(txId).endObject().toString().getBytes(StandardCharsets.UTF_8);
  }

  static Issuance fromState(byte[] value) {
    JSONObject json = ChainJson.object(value, "issuance");
    return new Issuance(
        json.getString("tokenId"),
        json.getString("issuanceId"),
        json.getLong("totalUnits"),
        HolderUnits.read(json.getJSONArray("holdings")),
        json.getString("txId"));
  }
}
