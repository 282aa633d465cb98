package io.twinledger.ledger.report.api;

/** A report was corrected by a later one; it stays as issued. */
public record ReportReplaced(String reportId, String replacedBy) {}
