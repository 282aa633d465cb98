package io.twinledger.ledger.report.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record an auditor's attestation, after the ledger took it.
 *
 * @param sha256 the digest the auditor attests to; must be the issued one
 * @param verdict {@code APPROVED} or {@code QUALIFIED}
 * @param comments required when qualified
 * @param txId the ledger transaction that recorded it
 */
public record AttestReport(
    String reportId,
    String sha256,
    String attesterMsp,
    String attester,
    String verdict,
    String comments,
    String txId) {
  @TargetAggregateIdentifier
  public String streamId() {
    return ReportStreams.streamId(reportId);
  }
}
