package io.twinledger.ledger.correction.api;

/**
 * A correction request or decision that the rules refuse: a missing reason, a value where none
 * belongs, an approval by the person who asked, a decision on a correction already decided.
 */
public final class CorrectionRuleViolation extends RuntimeException {

  private final String field;

  public CorrectionRuleViolation(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field the rule concerns. */
  public String field() {
    return field;
  }
}
