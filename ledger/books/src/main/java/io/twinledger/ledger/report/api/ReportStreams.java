package io.twinledger.ledger.report.api;

/** The event stream of a compliance report: {@code report:<reportId>}. */
public final class ReportStreams {

  private static final String PREFIX = "report:";

  private ReportStreams() {}

  /** The stream id of a report. */
  public static String streamId(String reportId) {
    return PREFIX + reportId;
  }
}
