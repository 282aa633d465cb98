package io.twinledger.finance.risk.model;

import io.twinledger.finance.risk.fit.FitReport;
import io.twinledger.finance.risk.fit.KpiProcess;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a simulation assumes about one KPI, so that a reader of the report can see it: the history
 * it was fitted to, the fitted monthly process and the annual process the simulation steps.
 *
 * @param kpiId the KPI
 * @param unit the unit code of the values (the KPI catalog's), which the process parameters are in
 * @param months the number of monthly values fitted
 * @param partialMonthsSkipped the months with a value left out of the fit because they are partial
 *     (covered less than the model's complete coverage), oldest first
 * @param firstMonth the oldest month fitted
 * @param lastMonth the latest month fitted
 * @param fit every candidate process with its goodness of fit; empty when the history is constant,
 *     in which case the KPI is simulated as that constant
 * @param monthly the selected month-to-month process (for a constant history a normal process with
 *     zero standard deviation)
 * @param annual the process stepped from one simulated year to the next: the monthly process
 *     sampled every twelfth month (see {@link ModelSimulation})
 * @param startValue the latest value, where the simulated path starts from
 * @param readByModel whether the model reads the KPI; otherwise it is simulated only for a
 *     threshold
 */
public record KpiAssumption(
    String kpiId,
    String unit,
    int months,
    List<YearMonth> partialMonthsSkipped,
    YearMonth firstMonth,
    YearMonth lastMonth,
    Optional<FitReport> fit,
    KpiProcess monthly,
    KpiProcess annual,
    double startValue,
    boolean readByModel) {

  public KpiAssumption {
    Objects.requireNonNull(kpiId, "kpiId");
    partialMonthsSkipped = List.copyOf(partialMonthsSkipped);
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(firstMonth, "firstMonth");
    Objects.requireNonNull(lastMonth, "lastMonth");
    Objects.requireNonNull(fit, "fit");
    Objects.requireNonNull(monthly, "monthly");
    Objects.requireNonNull(annual, "annual");
  }
}
