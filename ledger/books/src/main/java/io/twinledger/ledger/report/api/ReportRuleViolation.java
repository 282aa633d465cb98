package io.twinledger.ledger.report.api;

/** A command a report's rules refuse, naming the field at fault. */
public final class ReportRuleViolation extends RuntimeException {

  private final String field;

  public ReportRuleViolation(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The command field at fault. */
  public String field() {
    return field;
  }
}
