package io.twinledger.ledger.audit.report;

import io.twinledger.contracts.merkle.ReportStatement;
import io.twinledger.contracts.merkle.Sha256;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A compliance report as the ledger recorded it, with its attestations.
 *
 * @param statement what the issuer signed: id, type, subject, period and the SHA-256 of the
 *     report's bytes
 * @param signature the issuer's ECDSA signature over {@link ReportStatement#signedContent()},
 *     base64 DER, as recorded
 * @param signerMsp the MSP id of the issuing client
 * @param signerSubject the subject of the issuing client's certificate (RFC 2253), whose key the
 *     chaincode verified the signature with
 * @param replaces the report this one replaces, if any
 * @param replacementReason why it replaces it; empty if it replaces none
 * @param replacedBy the report that replaced this one, if any
 * @param txId the transaction that issued it
 * @param recordedAt that transaction's timestamp
 * @param attestations the auditors' attestations in the order recorded, at most one per auditor
 *     organisation
 */
public record ReportRecord(
    ReportStatement statement,
    String signature,
    String signerMsp,
    String signerSubject,
    Optional<String> replaces,
    String replacementReason,
    Optional<String> replacedBy,
    String txId,
    Instant recordedAt,
    List<ReportAttestation> attestations) {

  public ReportRecord {
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(signerMsp, "signerMsp");
    Objects.requireNonNull(signerSubject, "signerSubject");
    Objects.requireNonNull(replaces, "replaces");
    Objects.requireNonNull(replacementReason, "replacementReason");
    Objects.requireNonNull(replacedBy, "replacedBy");
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(recordedAt, "recordedAt");
    attestations = List.copyOf(attestations);
  }

  /** The report's id. */
  public String reportId() {
    return statement.reportId();
  }

  /** The SHA-256 of the report's bytes. */
  public Sha256 sha256() {
    return statement.sha256();
  }

  /** The attestation of auditor organisation {@code mspId}, if it attested. */
  public Optional<ReportAttestation> attestationBy(String mspId) {
    return attestations.stream().filter(a -> a.attesterMsp().equals(mspId)).findFirst();
  }
}
