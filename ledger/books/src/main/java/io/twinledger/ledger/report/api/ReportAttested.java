package io.twinledger.ledger.report.api;

/** An auditor attested a report: approved it, or qualified it with comments. */
public record ReportAttested(
    String reportId,
    String sha256,
    String attesterMsp,
    String attester,
    String verdict,
    String comments,
    String txId) {}
