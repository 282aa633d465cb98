package io.twinledger.finance.valuation;

import io.twinledger.finance.valuation.Sensitivity.Scenario;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a valuation of a model's cash flows assumes.
 *
 * @param discountRate the annual discount rate, Excel XNPV convention (actual/365)
 * @param valuationDate the date flows are discounted to; each month's net result falls on the
 *     month's last day
 * @param annualDebtService debt service due each year besides the model's FINANCING lines, spread
 *     evenly over the months valued; zero when there is none
 * @param outstandingDebt the debt outstanding at the valuation date, for the LLCR
 * @param debtRate the rate the LLCR discounts CFADS at; the discount rate when absent
 * @param parameterShock each parameter is moved by this fraction down and up for the tornado (0.1
 *     for ±10 %)
 * @param scenarios named parameter overrides, valued as well
 */
public record ValuationTerms(
    Rate discountRate,
    LocalDate valuationDate,
    BigDecimal annualDebtService,
    Optional<BigDecimal> outstandingDebt,
    Optional<Rate> debtRate,
    BigDecimal parameterShock,
    List<Scenario> scenarios) {

  public ValuationTerms {
    Objects.requireNonNull(discountRate, "discountRate");
    Objects.requireNonNull(valuationDate, "valuationDate");
    Objects.requireNonNull(annualDebtService, "annualDebtService");
    Objects.requireNonNull(outstandingDebt, "outstandingDebt");
    Objects.requireNonNull(debtRate, "debtRate");
    Objects.requireNonNull(parameterShock, "parameterShock");
    if (annualDebtService.signum() < 0) {
      throw new IllegalArgumentException("annual debt service must not be negative");
    }
    if (parameterShock.signum() < 0 || parameterShock.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("the parameter shock must be between 0 and 1");
    }
    scenarios = List.copyOf(scenarios);
  }
}
