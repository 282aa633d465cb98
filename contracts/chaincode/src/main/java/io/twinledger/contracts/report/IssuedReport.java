package io.twinledger.contracts.report;

import io.twinledger.contracts.merkle.ReportStatement;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.token.ChainJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * A compliance report as the ledger records it: what the issuer signed ({@link ReportStatement}),
 * the signature, who issued it in which transaction, the report it replaces and the one that
 * replaced it, and the auditors' attestations. Only {@code replacedBy} and {@code attestations}
 * change after issue. Returned by the contract as JSON and kept in the world state as {@link
 * #toState()}.
 *
 * <p>No component's name starts with {@code is}: the shim serializes a returned value through
 * org.json's bean reading, which takes an accessor such as {@code issuerMsp()} for a boolean getter
 * {@code isX} and so drops it from the result.
 *
 * @param reportId the report's id
 * @param reportType its type, such as {@code kpi-performance}
 * @param subject what it is about
 * @param period the period it covers
 * @param sha256 the SHA-256 of the report's bytes, 64 lower-case hex digits
 * @param signature the issuer's ECDSA signature over {@link ReportStatement#signedContent()},
 *     base64 DER
 * @param signerMsp the MSP id of the issuing client
 * @param signerSubject the subject of the issuing client's certificate (RFC 2253), whose key
 *     verified the signature
 * @param replaces the id of the report this one replaces; empty if none
 * @param replacementReason why it replaces that report; empty if it replaces none
 * @param replacedBy the id of the report that replaced this one; empty while it stands
 * @param txId the transaction that issued it
 * @param recordedAt that transaction's timestamp, ISO-8601 UTC
 * @param attestations the auditors' attestations, in the order recorded; at most one per auditor
 *     organisation
 */
@DataType
public record IssuedReport(
    @Property String reportId,
    @Property String reportType,
    @Property String subject,
    @Property String period,
    @Property String sha256,
    @Property String signature,
    @Property String signerMsp,
    @Property String signerSubject,
    @Property String replaces,
    @Property String replacementReason,
    @Property String replacedBy,
    @Property String txId,
    @Property String recordedAt,
    @Property Attestation[] attestations) {

  /** What the issuer signed. */
  public ReportStatement statement() {
    return new ReportStatement(reportId, reportType, subject, period, Sha256.fromHex(sha256));
  }

  /**
   * Whether a new issue of this id with this content, replacing {@code replaces} for {@code
   * reason}, is this very report again. The signature is not compared: ECDSA signatures differ each
   * time the same text is signed.
   */
  boolean isIssueOf(ReportStatement statement, String replaces, String reason) {
    return statement.equals(statement())
        && this.replaces.equals(replaces)
        && replacementReason.equals(reason);
  }

  /** This report, replaced by {@code reportId}. */
  IssuedReport replacedBy(String reportId) {
    return new IssuedReport(
        this.reportId,
        reportType,
        subject,
        period,
        sha256,
        signature,
        signerMsp,
        signerSubject,
        replaces,
        replacementReason,
        reportId,
        txId,
        recordedAt,
        attestations);
  }

  /** This report with {@code attestation} after the ones it has. */
  IssuedReport attested(Attestation attestation) {
    Attestation[] more = Arrays.copyOf(attestations, attestations.length + 1);
    more[attestations.length] = attestation;
    return new IssuedReport(
        reportId,
        reportType,
        subject,
        period,
        sha256,
        signature,
        signerMsp,
        signerSubject,
        replaces,
        replacementReason,
        replacedBy,
        txId,
        recordedAt,
        more);
  }

  /** The world-state value: the fields in declaration order, so every endorser writes the same. */
  byte[] toState() {
    JSONStringer json = new JSONStringer();
    json.object()
        .key("reportId")
        .value(reportId)
        .key("reportType")
        .value(reportType)
        .key("subject")
        .value(subject)
        .key("period")
        .value(period)
        .key("sha256")
        .value(sha256)
        .key("signature")
        .value(signature)
        .key("signerMsp")
        .value(signerMsp)
        .key("signerSubject")
        .value(signerSubject)
        .key("replaces")
        .value(replaces)
        .key("replacementReason")
        .value(replacementReason)
        .key("replacedBy")
        .value(replacedBy)
        .key("txId")
        .value(txId)
        .key("recordedAt")
        .value(recordedAt)
        .key("attestations");
    Attestation.write(json, attestations);
    return json.endObject().toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Reads what {@link #toState()} wrote. */
  static IssuedReport fromState(byte[] value) {
    JSONObject json = ChainJson.object(value, "report");
    return new IssuedReport(
        json.getString("reportId"),
        json.getString("reportType"),
        json.getString("subject"),
        json.getString("period"),
        json.getString("sha256"),
        json.getString("signature"),
        json.getString("signerMsp"),
        json.getString("signerSubject"),
        json.getString("replaces"),
        json.getString("replacementReason"),
        json.getString("replacedBy"),
        json.getString("txId"),
        json.getString("recordedAt"),
        Attestation.read(json.getJSONArray("attestations")));
  }
}
