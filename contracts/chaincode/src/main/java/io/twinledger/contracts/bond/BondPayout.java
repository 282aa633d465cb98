package io.twinledger.contracts.bond;

import io.twinledger.contracts.token.ChainJson;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * A payment paid to the holders of its record-date snapshot, in one transaction.
 *
 * @param bondId the bond
 * @param paymentId the payment, unique per bond: the payout's idempotency key
 * @param tokenId the bond's token
 * @param currency the ISO 4217 code paid in
 * @param amountMinor the whole payment, minor units as a decimal string
 * @param determinationId the determination it pays, empty for a payment that is not
 *     performance-based (a coupon, the principal)
 * @param snapshotTxId the transaction of the record-date snapshot it was allocated over
 * @param totalUnits the snapshot's total units
 * @param payouts what each holder received, in holder-id order
 * @param allocationDigest SHA-256 hex of the lines {@code holder TAB minorUnits LF} in holder-id
 *     order: finance-models' {@code PayoutDigest}
 * @param txId the transaction that paid
 * @param paidAt that transaction's timestamp, ISO-8601 UTC
 */
@DataType
public record BondPayout(
    @Property String bondId,
    @Property String paymentId,
    @Property String tokenId,
    @Property String currency,
    @Property String amountMinor,
    @Property String determinationId,
    @Property String snapshotTxId,
    @Property long totalUnits,
    @Property HolderPayout[] payouts,
    @Property String allocationDigest,
    @Property String txId,
    @Property String paidAt) {

  /** Whether a repeated {@code Pay} asks for exactly this payout. */
  boolean sameOrder(String amount, String payCurrency, String determination) {
    return amountMinor.equals(amount)
        && currency.equals(payCurrency)
        && determinationId.equals(determination);
  }

  byte[] toState() {
    JSONStringer json = new JSONStringer();
    json.object()
        .key("bondId")
        .value(bondId)
        .key("paymentId")
        .value(paymentId)
        .key("tokenId")
        .value(tokenId)
        .key("currency")
        .value(currency)
        .key("amountMinor")
        .value(amountMinor)
        .key("determinationId")
        .value(determinationId)
        .key("snapshotTxId")
        .value(snapshotTxId)
        .key("totalUnits")
        .value(totalUnits)
        .key("payouts")
        .array();
    for (HolderPayout payout : payouts) {
      json.object()
          .key("holder")
          .value(payout.holder())
          .key("amountMinor")
          .value(payout.amountMinor())
          .endObject();
    }
    return json.endArray()
        .key("allocationDigest")
        .value(allocationDigest)
        .key("txId")
        .value(txId)
        .key("paidAt")
        .value(paidAt)
        .endObject()
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  static BondPayout fromState(byte[] value) {
    JSONObject json = ChainJson.object(value, "payout");
    JSONArray array = json.getJSONArray("payouts");
    HolderPayout[] payouts = new HolderPayout[array.length()];
    for (int i = 0; i < payouts.length; i++) {
      JSONObject payout = array.getJSONObject(i);
      payouts[i] = new HolderPayout(payout.getString("holder"), payout.getString("amountMinor"));
    }
    return new BondPayout(
        json.getString("bondId"),
        json.getString("paymentId"),
        json.getString("tokenId"),
        json.getString("currency"),
        json.getString("amountMinor"),
        json.getString("determinationId"),
        json.getString("snapshotTxId"),
        json.getLong("totalUnits"),
        payouts,
        json.getString("allocationDigest"),
        json.getString("txId"),
        json.getString("paidAt"));
  }
}
