package io.twinledger.ledger.asset.api;

/**
 * A value was rejected because one of its fields is missing or out of range.
 *
 * <p>{@link #field()} is a dotted path relative to the value that was being built, for example
 * {@code conditionThresholds.iriPoorMinMPerKm}. Callers that embed the value in a larger document
 * prefix their own path with {@link #within(String)}.
 */
public final class InvalidFieldException extends IllegalArgumentException {

  private final String field;
  private final String reason;

  public InvalidFieldException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  /** The dotted path of the offending field. */
  public String field() {
    return field;
  }

  /** What is wrong with the field, without the field name. */
  public String reason() {
    return reason;
  }

  /** The same violation, seen from a document that holds this value under {@code parent}. */
  public InvalidFieldException within(String parent) {
    return new InvalidFieldException(parent + "." + field, reason);
  }
}
