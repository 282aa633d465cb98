package io.twinledger.contracts.report;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * An auditor organisation's attestation to an issued report: its verdict on exactly the bytes whose
 * digest it gives.
 *
 * @param attesterMsp the MSP id of the attesting client
 * @param attesterSubject the subject of the attesting client's certificate, RFC 2253
 * @param verdict {@code APPROVED} or {@code QUALIFIED}
 * @param comments the auditor's comments; never empty for {@code QUALIFIED}, possibly empty for
 *     {@code APPROVED}
 * @param sha256 the digest attested to, 64 lower-case hex digits: the report's
 * @param txId the transaction that recorded it
 * @param attestedAt that transaction's timestamp, ISO-8601 UTC
 */
@DataType
public record Attestation(
    @Property String attesterMsp,
    @Property String attesterSubject,
    @Property String verdict,
    @Property String comments,
    @Property String sha256,
    @Property String txId,
    @Property String attestedAt) {

  /** The verdicts an auditor may give. */
  public static final String APPROVED = "APPROVED";

  /** An opinion with reservations, which its comments state. */
  public static final String QUALIFIED = "QUALIFIED";

  /** Writes {@code attestations} as a JSON array, each with its fields in declaration order. */
  static void write(JSONStringer json, Attestation[] attestations) {
    json.array();
    for (Attestation a : attestations) {
      json.object()
          .key("attesterMsp")
          .value(a.attesterMsp)
          .key("attesterSubject")
          .value(a.attesterSubject)
          .key("verdict")
          .value(a.verdict)
          .key("comments")
          .value(a.comments)
          .key("sha256")
          .value(a.sha256)
          .key("txId")
          .value(a.txId)
          .key("attestedAt")
          .value(a.attestedAt)
          .endObject();
    }
    json.endArray();
  }

  static Attestation[] read(JSONArray array) {
    Attestation[] attestations = new Attestation[array.length()];
    for (int i = 0; i < array.length(); i++) {
      JSONObject a = array.getJSONObject(i);
      attestations[i] =
          new Attestation(
              a.getString("attesterMsp"),
              a.getString("attesterSubject"),
              a.getString("verdict"),
              a.getString("comments"),
              a.getString("sha256"),
              a.getString("txId"),
              a.getString("attestedAt"));
    }
    return attestations;
  }
}
