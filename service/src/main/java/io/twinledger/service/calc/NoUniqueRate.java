package io.twinledger.service.calc;

import java.math.BigDecimal;
import java.util.List;

/**
 * A rate calculation whose inputs are valid but that has no single answer: no rate solves it
 * ({@code roots} empty), several do ({@code roots} lists them, ascending), or every rate does
 * ({@link #undetermined()}). Answered with 422.
 */
final class NoUniqueRate extends RuntimeException {

  private final String reason;
  private final List<BigDecimal> roots;
  private final boolean undetermined;

  private NoUniqueRate(String reason, List<BigDecimal> roots, boolean undetermined) {
    super(reason);
    this.reason = reason;
    this.roots = List.copyOf(roots);
    this.undetermined = undetermined;
  }

  /** No rate solves it. */
  static NoUniqueRate none(String reason) {
    return new NoUniqueRate(reason, List.of(), false);
  }

  /** Several rates solve it, rounded as in the responses, ascending. */
  static NoUniqueRate multiple(String reason, List<BigDecimal> roots) {
    return new NoUniqueRate(reason, roots, false);
  }

  /** Every rate solves it, so none is determined. */
  static NoUniqueRate everyRate(String reason) {
    return new NoUniqueRate(reason, List.of(), true);
  }

  /** Why there is no single rate, for people. */
  String reason() {
    return reason;
  }

  /** The rates found, rounded as in the responses; empty when there is none or every rate fits. */
  List<BigDecimal> roots() {
    return roots;
  }

  /** Whether every rate solves it. */
  boolean undetermined() {
    return undetermined;
  }
}
