package io.twinledger.finance.valuation;

import io.twinledger.finance.valuation.Sensitivity.ScenarioResult;
import io.twinledger.finance.valuation.Sensitivity.Tornado;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * A model's cash flows valued: NPV, IRR, payback, debt cover and sensitivities.
 *
 * @param cashFlows each valued month's net result (rounded to the minor unit), on its last day
 * @param monthsWithoutAmounts months left out because a line had no amount (a missing KPI value)
 * @param partialMonths months left out because they are partial: a KPI period read covers less than
 *     the model's complete coverage
 * @param npv the XNPV of the cash flows at the valuation date, rounded half-even to the minor unit
 * @param irr the XIRR of the flows; several or no rates are reported as such, never guessed
 * @param paybackMonths months from the first valued month until the cumulative net result is no
 *     longer negative; empty if it never is
 * @param years debt cover per calendar year valued
 * @param minimumDscr the lowest DSCR of the years that have debt service
 * @param llcr the loan life cover ratio, when outstanding debt was given
 * @param tornado the NPV with each parameter moved down and up by the shock, widest swing first
 * @param scenarios the NPV of each scenario
 */
public record ValuationReport(
    Currency currency,
    List<DatedAmount> cashFlows,
    List<YearMonth> monthsWithoutAmounts,
    List<YearMonth> partialMonths,
    BigDecimal npv,
    RootResult irr,
    Optional<BigDecimal> paybackMonths,
    List<YearCover> years,
    Optional<BigDecimal> minimumDscr,
    Optional<BigDecimal> llcr,
    Tornado tornado,
    List<ScenarioResult> scenarios) {

  public ValuationReport {
    cashFlows = List.copyOf(cashFlows);
    monthsWithoutAmounts = List.copyOf(monthsWithoutAmounts);
    partialMonths = List.copyOf(partialMonths);
    years = List.copyOf(years);
    scenarios = List.copyOf(scenarios);
  }

  /**
   * One year's debt cover.
   *
   * @param cfads cash flow available for debt service: income minus operating costs
   * @param debtService FINANCING lines plus the terms' annual debt service for the months valued
   * @param dscr {@code cfads / debtService}; empty where there is no debt service
   */
  public record YearCover(
      int year, BigDecimal cfads, BigDecimal debtService, Optional<BigDecimal> dscr) {}
}
