package io.twinledger.reporting.render;

import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportJson;

/**
 * The file name a rendering suggests: {@code
 * <id>_<type>_<periodStart>_<periodEnd>_<issuer>_sha256-<digest>.<extension>}, such as {@code
 * slb-kpi-2025_slb-kpi_2025-01-01_2026-01-01_CityFinanceMSP_sha256-9f2c….pdf}. The period end is
 * the report's own, the day after the last day covered; the digest is the full SHA-256 of the
 * canonical JSON, so a saved file still names the report it shows. Characters other than ASCII
 * letters, digits, {@code .} and {@code -} become {@code _}, so the name is safe on every file
 * system and in a {@code Content-Disposition} header.
 */
final class ReportFileName {

  private ReportFileName() {}

  static String of(Report report, String extension) {
    return String.join(
            "_",
            safe(report.id()),
            report.type().label(),
            report.periodStart().toString(),
            report.periodEnd().toString(),
            safe(report.issuer()),
            "sha256-" + ReportJson.sha256(report))
        + "."
        + extension;
  }

  private static String safe(String part) {
    return part.replaceAll("[^A-Za-z0-9.-]", "_");
  }
}
