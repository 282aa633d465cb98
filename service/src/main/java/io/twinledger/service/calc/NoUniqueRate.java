package io.twinledger.service.calc;

import java.math.BigDecimal;
import java.util.List;

/**
 * A rate calculation whose inputs are valid but that has no single answer: no rate solves it
 * ({@code roots} empty) or several do ({@code roots} lists them, ascending). Answered with 422.
 */
final class NoUniqueRate extends RuntimeException {

  private final String reason;
  private final List<BigDecimal> roots;

  NoUniqueRate(String reason, List<BigDecimal> roots) {
    super(reason);
    this.reason = reason;
    this.roots = List.copyOf(roots);
  }

  /** Why there is no single rate, for people. */
  String reason() {
    return reason;
  }

  /** The rates found, rounded as in the responses; empty when there is none. */
  List<BigDecimal> roots() {
    return roots;
  }
}
