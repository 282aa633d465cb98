package io.twinledger.ledger.audit.report;

import io.twinledger.contracts.merkle.Sha256;
import java.time.Instant;
import java.util.Objects;

/**
 * An auditor organisation's attestation to a report, as the ledger recorded it.
 *
 * @param attesterMsp the MSP id of the attesting client
 * @param attesterSubject the subject of its certificate, RFC 2253
 * @param verdict the auditor's opinion
 * @param comments the auditor's comments; never blank for {@link Verdict#QUALIFIED}, possibly empty
 *     for {@link Verdict#APPROVED}
 * @param sha256 the digest attested to: the report's
 * @param txId the transaction that recorded it
 * @param attestedAt that transaction's timestamp
 */
public record ReportAttestation(
    String attesterMsp,
    String attesterSubject,
    Verdict verdict,
    String comments,
    Sha256 sha256,
    String txId,
    Instant attestedAt) {

  /** An auditor's opinion of a report. */
  public enum Verdict {
    /** The report presents what it claims to, without reservation. */
    APPROVED,
    /** With reservations, which the comments state. */
    QUALIFIED
  }

  public ReportAttestation {
    Objects.requireNonNull(attesterMsp, "attesterMsp");
    Objects.requireNonNull(attesterSubject, "attesterSubject");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(comments, "comments");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(attestedAt, "attestedAt");
  }
}
