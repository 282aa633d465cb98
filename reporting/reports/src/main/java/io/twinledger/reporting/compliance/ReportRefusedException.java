package io.twinledger.reporting.compliance;

/** A report that cannot be issued as asked, such as one over periods not yet proven. */
public final class ReportRefusedException extends RuntimeException {

  public ReportRefusedException(String message) {
    super(message);
  }
}
