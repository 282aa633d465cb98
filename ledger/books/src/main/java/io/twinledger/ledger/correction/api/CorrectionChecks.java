package io.twinledger.ledger.correction.api;

/** Presence checks of the correction API's values; each failure names the request field. */
final class CorrectionChecks {

  private CorrectionChecks() {}

  static <T> T present(T value, String field) {
    if (value == null) {
      throw new CorrectionRuleViolation(field, "is required");
    }
    return value;
  }

  /** A reason or name: not blank, at most {@code maxLength} characters, stripped. */
  static String text(String value, int maxLength, String field) {
    if (present(value, field).isBlank()) {
      throw new CorrectionRuleViolation(field, "is required and must not be blank");
    }
    if (value.length() > maxLength) {
      throw new CorrectionRuleViolation(field, "must be at most " + maxLength + " characters");
    }
    return value.strip();
  }
}
