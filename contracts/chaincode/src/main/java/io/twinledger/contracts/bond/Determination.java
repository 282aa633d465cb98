package io.twinledger.contracts.bond;

import io.twinledger.contracts.token.ChainJson;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONObject;

/**
 * A performance payment as decided, with the evidence it was decided from.
 *
 * @param bondId the bond
 * @param determinationId the determination, unique per bond
 * @param feature the bond feature that decided
 * @param kpi the KPI it read
 * @param amountMinor the amount decided, whole minor units as a decimal string
 * @param payer {@code ISSUER} (investors are paid) or {@code INVESTORS}
 * @param evidence the evidence in canonical JSON: period revisions, audit leaf indexes and the
 *     anchored checkpoint that covers them
 * @param txId the transaction that recorded it
 * @param recordedAt that transaction's timestamp, ISO-8601 UTC
 */
@DataType
public record Determination(
    @Property String bondId,
    @Property String determinationId,
    @Property String feature,
    @Property String kpi,
    @Property String amountMinor,
    @Property String payer,
    @Property String evidence,
    @Property String txId,
    @Property String recordedAt) {

  byte[] toState() {
    return ChainJson.fields(
            "bondId", bondId,
            "determinationId", determinationId,
            "feature", feature,
            "kpi", kpi,
            "amountMinor", amountMinor,
            "payer", payer,
            "evidence", evidence,
            "txId", txId,
            "recordedAt", recordedAt)
        .getBytes(StandardCharsets.UTF_8);
  }

  static Determination fromState(byte[] value) {
    JSONObject json = ChainJson.object(value, "determination");
    return new Determination(
        json.getString("bondId"),
        json.getString("determinationId"),
        json.getString("feature"),
        json.getString("kpi"),
        json.getString("amountMinor"),
        json.getString("payer"),
        json.getString("evidence"),
        json.getString("txId"),
        json.getString("recordedAt"));
  }
}
