package io.twinledger.ledger.report.api;

import java.util.Optional;

/**
 * A compliance report was issued. Its stored payload is a leaf of the audit log, which is how a
 * report bundle proves the report was issued as signed; field names are read by the offline
 * verifier.
 */
public record ReportIssued(
    String reportId,
    String reportType,
    String subject,
    String sha256,
    String issuer,
    String signature,
    Optional<String> replaces,
    Optional<String> reason) {

  public ReportIssued {
    replaces = replaces == null ? Optional.empty() : replaces;
    reason = reason == null ? Optional.empty() : reason;
  }
}
