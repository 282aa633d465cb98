package io.twinledger.contracts.token;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * The holdings of a token at a payment's record date: every account with units, read in one
 * transaction. The block that commits that transaction is the record block (a transfer committed
 * earlier in the same block makes it an MVCC or phantom read conflict, so it never straddles one).
 *
 * @param tokenId the token
 * @param paymentId the payment whose record date it fixes
 * @param totalUnits the sum of {@code holdings}' units
 * @param holdings holders with units, in holder-id order
 * @param txId the transaction that took it
 * @param takenAt that transaction's timestamp, ISO-8601 UTC
 */
@DataType
public record TokenSnapshot(
    @Property String tokenId,
    @Property String paymentId,
    @Property long totalUnits,
    @Property HolderUnits[] holdings,
    @Property String txId,
    @Property String takenAt) {

  /** The world-state value: the fields in declaration order. */
  byte[] toState() {
    JSONStringer json = new JSONStringer();
    json.object()
        .key("tokenId")
        .value(tokenId)
        .key("paymentId")
        .value(paymentId)
        .key("totalUnits")
        .value(totalUnits)
        .key("holdings");
    HolderUnits.write(json, holdings);
    return json.key("txId")
        .value(txId)
        .key("takenAt")
        .value(takenAt)
        .endObject()
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Reads what {@link #toState()} wrote; the bond registry reads it for a payout. */
  public static TokenSnapshot fromState(byte[] value) {
    JSONObject json = ChainJson.object(value, "snapshot");
    return new TokenSnapshot(
        json.getString("tokenId"),
        json.getString("paymentId"),
        json.getLong("totalUnits"),
        HolderUnits.read(json.getJSONArray("holdings")),
        json.getString("txId"),
        json.getString("takenAt"));
  }
}
