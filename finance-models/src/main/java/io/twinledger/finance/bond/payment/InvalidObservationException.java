package io.twinledger.finance.bond.payment;

/**
 * An observation that cannot be used: a second value for the same KPI and date, or a deduction
 * count below zero. It names the observation's position in the list given.
 */
public final class InvalidObservationException extends IllegalArgumentException {

  private final int index;
  private final String reason;

  public InvalidObservationException(int index, String reason) {
    super("observations[" + index + "]: " + reason);
    this.index = index;
    this.reason = reason;
  }

  /** The position of the observation in the list given. */
  public int index() {
    return index;
  }

  /** Why it cannot be used. */
  public String reason() {
    return reason;
  }
}
