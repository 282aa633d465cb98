package io.twinledger.service.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A compliance report as issued, with the auditors' attestations.
 *
 * @param document the canonical JSON whose SHA-256 is {@code sha256}
 * @param signature the issuer's signature over the report's statement, base64 DER
 * @param signerCertificate the signer's certificate, PEM
 * @param ledgerTx the report contract's transaction that recorded it
 */
public record StoredReport(
    String reportId,
    String reportType,
    String subject,
    LocalDate periodStart,
    LocalDate periodEnd,
    String sha256,
    byte[] document,
    String signature,
    String signerMsp,
    String signerCertificate,
    String issuedBy,
    Instant issuedAt,
    Optional<String> ledgerTx,
    Optional<String> replaces,
    Optional<String> replacementReason,
    Optional<String> replacedBy,
    List<Attestation> attestations) {

  public StoredReport {
    attestations = List.copyOf(attestations);
  }

  /** Whether an auditor's organisation has yet to attest it and it still stands. */
  public boolean awaitingAttestation() {
    return attestations.isEmpty() && replacedBy.isEmpty();
  }

  /**
   * Where it stands: {@code REPLACED} once a correction names it, else {@code AWAITING_ATTESTATION}
   * until an auditor attests it, else the latest verdict ({@code APPROVED} or {@code QUALIFIED}).
   */
  public String status() {
    if (replacedBy.isPresent()) {
      return "REPLACED";
    }
    return attestations.isEmpty() ? "AWAITING_ATTESTATION" : attestations.getLast().verdict();
  }

  /** An auditor's opinion, as the ledger recorded it. */
  public record Attestation(
      String attesterMsp,
      String attester,
      String verdict,
      String comments,
      String ledgerTx,
      Instant attestedAt) {}
}
