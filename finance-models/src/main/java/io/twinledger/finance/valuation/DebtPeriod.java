package io.twinledger.finance.valuation;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One period of a project's debt: cash flow available for debt service and the debt service due.
 *
 * @param cfads cash flow available for debt service (operating cash flow after tax, before debt
 *     payments), any sign
 * @param debtService interest plus principal due in the period, a non-negative amount
 */
public record DebtPeriod(BigDecimal cfads, BigDecimal debtService) {

  public DebtPeriod {
    Objects.requireNonNull(cfads, "cfads");
    Objects.requireNonNull(debtService, "debtService");
    if (debtService.signum() < 0) {
      throw new IllegalArgumentException(
          "debt service "
              + debtService.toPlainString()
              + " must not be negative: it is the amount due, given as a positive number");
    }
  }
}
