package io.twinledger.contracts.audit;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * A signed checkpoint as the ledger recorded it: what the log operator signed, the signature, who
 * submitted it and in which transaction. Returned by the contract's functions as JSON, and kept in
 * the world state as {@link #toJson()}.
 *
 * @param logId the log's name
 * @param treeSize leaves in the tree
 * @param root the tree's root hash, 64 lower-case hex digits
 * @param timestamp when the operator took the checkpoint, ISO-8601 UTC to the millisecond
 * @param signature the operator's ECDSA signature over the checkpoint's signed content, base64 DER
 * @param signerMsp the MSP id of the transaction creator, whose certificate verified the signature
 * @param signerId the creator's identity, {@code x509::<subject DN>::<issuer DN>}
 * @param txId the Fabric transaction that recorded the checkpoint
 * @param anchoredAt the transaction's timestamp (from the proposal, the same on every endorser)
 */
@DataType
public record AnchoredCheckpoint(
    @Property String logId,
    @Property long treeSize,
    @Property String root,
    @Property String timestamp,
    @Property String signature,
    @Property String signerMsp,
    @Property String signerId,
    @Property String txId,
    @Property String anchoredAt) {

  /**
   * The JSON kept in the world state: the fields in declaration order, so that every endorser
   * writes the same bytes.
   */
  public String toJson() {
    return "{\"logId\":"
        + JSONObject.quote(logId)
        + ",\"treeSize\":"
        + treeSize
        + ",\"root\":"
        + JSONObject.quote(root)
        + ",\"timestamp\":"
        + JSONObject.quote(timestamp)
        + ",\"signature\":"
        + JSONObject.quote(signature)
        + ",\"signerMsp\":"
        + JSONObject.quote(signerMsp)
        + ",\"signerId\":"
        + JSONObject.quote(signerId)
        + ",\"txId\":"
        + JSONObject.quote(txId)
        + ",\"anchoredAt\":"
        + JSONObject.quote(anchoredAt)
        + "}";
  }

  /**
   * Reads what {@link #toJson()} wrote.
   *
   * @throws IllegalStateException if the stored value is not such JSON, which only a foreign writer
   *     of the key could cause
   */
  static AnchoredCheckpoint fromState(byte[] value) {
    try {
      JSONObject json = new JSONObject(new String(value, StandardCharsets.UTF_8));
      return new AnchoredCheckpoint(
          json.getString("logId"),
          json.getLong("treeSize"),
          json.getString("root"),
          json.getString("timestamp"),
          json.getString("signature"),
          json.getString("signerMsp"),
          json.getString("signerId"),
          json.getString("txId"),
          json.getString("anchoredAt"));
    } catch (JSONException e) {
      throw new IllegalStateException("a stored checkpoint is not readable: " + e.getMessage(), e);
    }
  }
}
