/**
 * Renderings of a compliance {@link io.twinledger.reporting.report.Report} for people and
 * spreadsheets: {@link io.twinledger.reporting.render.ReportPdf} and {@link
 * io.twinledger.reporting.render.ReportCsv}.
 *
 * <p>The report's canonical JSON ({@link io.twinledger.reporting.report.ReportJson}) is the report;
 * a rendering only lays out what the report holds. It never computes: a figure's value is printed
 * as its text, never summed, rounded or re-formatted, and a total appears only when it is a figure
 * of the report. Each rendering names the SHA-256 of the canonical JSON, so that a reader can match
 * it with the signed and logged report.
 */
package io.twinledger.reporting.render;
