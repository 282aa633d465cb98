package io.twinledger.finance.model;

/**
 * What a model line books, and so how it enters a P&amp;L statement.
 *
 * <p>Sign convention: a line's formula yields the amount of its kind as a positive number (a cost
 * of 100 EUR is {@code 100}, not {@code -100}); the statement applies the sign by kind. Income is
 * {@code REVENUE + PERFORMANCE_PAYMENT - DEDUCTION}, costs are {@code OPERATING_COST + CAPITAL_COST
 * + FINANCING}, and the net result is income minus costs. A negative amount is allowed and means
 * the opposite flow (a refund, a negative deduction). {@code MEMO} lines are intermediate
 * quantities (volumes, gross payments before a cap) that other lines use; they are not booked.
 */
public enum LineKind {
  REVENUE,
  OPERATING_COST,
  CAPITAL_COST,
  FINANCING,
  DEDUCTION,
  PERFORMANCE_PAYMENT,
  MEMO;

  /** Whether the line is an amount in the model currency that a statement books. */
  public boolean booked() {
    return this != MEMO;
  }

  /** Whether the line counts towards income (deductions count negatively). */
  public boolean income() {
    return this == REVENUE || this == PERFORMANCE_PAYMENT || this == DEDUCTION;
  }

  /** Whether the line counts towards costs. */
  public boolean cost() {
    return this == OPERATING_COST || this == CAPITAL_COST || this == FINANCING;
  }
}
