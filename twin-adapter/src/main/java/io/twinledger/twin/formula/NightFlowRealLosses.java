package io.twinledger.twin.formula;

import io.twinledger.twin.kpi.Ratio;
import io.twinledger.twin.kpi.water.MinimumNightFlow;
import io.twinledger.twin.period.Formula;
import io.twinledger.twin.period.FormulaResult;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.period.PeriodWindow;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real losses by minimum night flow analysis, m³: (mean of the period's nightly minimum flows −
 * legitimate night use) × night-day factor × days in the period. A local day of 23 or 25 hours
 * counts as 23/24 or 25/24 of a day.
 *
 * @param legitimateNightUseM3PerH customer use during the minimum-flow hour, m³/h
 * @param nightDayFactorH hours per day the night leakage flow is multiplied by
 */
public record NightFlowRealLosses(BigDecimal legitimateNightUseM3PerH, BigDecimal nightDayFactorH)
    implements Formula {

  private static final BigDecimal SECONDS_PER_DAY =
      BigDecimal.valueOf(Duration.ofDays(1).toSeconds());

  @Override
  public List<String> roles() {
    return List.of(WaterRoles.NIGHT_FLOW);
  }

  @Override
  public FormulaResult apply(PeriodWindow window, Map<String, List<PeriodReading>> inputs) {
    List<PeriodReading> nights = Formula.readings(inputs, WaterRoles.NIGHT_FLOW);
    if (nights.isEmpty()) {
      return FormulaResult.of(Optional.empty(), Map.of());
    }
    BigDecimal meanMinimum =
        Ratio.of(Formula.sum(inputs, WaterRoles.NIGHT_FLOW), BigDecimal.valueOf(nights.size()))
            .orElseThrow();
    MinimumNightFlow mnf =
        new MinimumNightFlow(meanMinimum, legitimateNightUseM3PerH, nightDayFactorH);
    BigDecimal seconds = BigDecimal.valueOf(window.length().toSeconds());
    BigDecimal days = Ratio.of(seconds, SECONDS_PER_DAY).orElseThrow();
    return FormulaResult.of(
        Ratio.of(mnf.dailyRealLossesM3().multiply(seconds), SECONDS_PER_DAY),
        Map.of(
            "meanMinimumNightFlowM3PerH", meanMinimum,
            "nightLeakageFlowM3PerH", mnf.nightLeakageFlowM3PerH(),
            "dailyRealLossesM3", mnf.dailyRealLossesM3(),
            "days", days,
            "nights", BigDecimal.valueOf(nights.size())));
  }
}
