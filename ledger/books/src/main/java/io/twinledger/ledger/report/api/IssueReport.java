package io.twinledger.ledger.report.api;

import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issue a compliance report: record its digest and the issuer's signature over its canonical bytes.
 *
 * @param sha256 SHA-256 of the report's canonical bytes, hex
 * @param signature the issuer's SHA256withECDSA signature over those bytes, base64 DER
 * @param replaces the report this one corrects
 * @param reason why, required with {@code replaces}
 */
public record IssueReport(
    String reportId,
    String reportType,
    String subject,
    String sha256,
    String issuer,
    String signature,
    Optional<String> replaces,
    Optional<String> reason) {
  @TargetAggregateIdentifier
  public String streamId() {
    return ReportStreams.streamId(reportId);
  }
}
