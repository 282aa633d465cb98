package io.twinledger.service.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Bodies of {@code /api/v1/reports}. */
final class ReportBodies {

  private ReportBodies() {}

  /**
   * Issue a bond's report over {@code [from, to)}; with {@code type} {@code pnl-statement} the
   * P&amp;L statement of asset {@code assetId} over whole months; with {@code
   * portfolio-pnl-statement} that of portfolio {@code portfolioId} ({@code all-assets}); with
   * {@code investor-statement} the statement of {@code holder} (an investor's user name) over
   * {@code [from, to)}; with {@code community-energy} the village's report of {@code month} ({@code
   * YYYY-MM}, no from or to). A correction names the report it replaces and why.
   */
  record Issue(
      String type,
      String bondId,
      String assetId,
      String portfolioId,
      String holder,
      String month,
      String from,
      String to,
      String replaces,
      String reason) {}

  /** An auditor's opinion: {@code APPROVED}, or {@code QUALIFIED} with comments. */
  record Attest(String verdict, String comments) {}

  /** A report as listed: what it is, its digest and where it stands. */
  record Summary(
      String reportId,
      String type,
      String subject,
      LocalDate periodStart,
      LocalDate periodEnd,
      String sha256,
      String issuer,
      String issuedBy,
      Instant issuedAt,
      Optional<String> ledgerTx,
      Optional<String> replaces,
      Optional<String> replacementReason,
      Optional<String> replacedBy,
      String status,
      List<StoredReport.Attestation> attestations,
      Links links) {

    static Summary of(StoredReport r) {
      String base = "/api/v1/reports/" + r.reportId();
      return new Summary(
          r.reportId(),
          r.reportType(),
          r.subject(),
          r.periodStart(),
          r.periodEnd(),
          r.sha256(),
          r.signerMsp(),
          r.issuedBy(),
          r.issuedAt(),
          r.ledgerTx(),
          r.replaces(),
          r.replacementReason(),
          r.replacedBy(),
          r.status(),
          r.attestations(),
          new Links(base, base + "?format=pdf", base + "?format=csv", base + "/bundle"));
    }
  }

  /** Where to fetch the report and its bundle. */
  record Links(String report, String pdf, String csv, String bundle) {}
}
