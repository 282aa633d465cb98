package io.twinledger.twin.formula;

import io.twinledger.twin.kpi.Ratio;
import io.twinledger.twin.kpi.water.Uarl;
import io.twinledger.twin.kpi.water.UarlWarning;
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
 * Unavoidable annual real losses over the period, m³, from the district's structure; each way the
 * district lies outside the range the IWA coefficients were fitted for becomes a remark.
 */
public record UarlOverPeriod(Uarl uarl) implements Formula {

  private static final BigDecimal SECONDS_PER_DAY =
      BigDecimal.valueOf(Duration.ofDays(1).toSeconds());

  @Override
  public List<String> roles() {
    return List.of();
  }

  @Override
  public FormulaResult apply(PeriodWindow window, Map<String, List<PeriodReading>> inputs) {
    BigDecimal days = days(window);
    return new FormulaResult(
        Optional.of(m3Over(uarl, window)),
        Map.of("uarlLitresPerDay", uarl.litresPerDay(), "days", days),
        remarks(uarl),
        Optional.empty());
  }

  /**
   * The UARL over the window, m³: m³ per day × seconds / 86,400, divided once so that a 23-hour
   * day's figure is exact whenever it terminates.
   */
  static BigDecimal m3Over(Uarl uarl, PeriodWindow window) {
    return Ratio.of(
            uarl.m3PerDay().multiply(BigDecimal.valueOf(window.length().toSeconds())),
            SECONDS_PER_DAY)
        .orElseThrow();
  }

  /** The period's length in days; a local day of 23 or 25 hours is 23/24 or 25/24. */
  static BigDecimal days(PeriodWindow window) {
    return Ratio.of(BigDecimal.valueOf(window.length().toSeconds()), SECONDS_PER_DAY).orElseThrow();
  }

  static List<String> remarks(Uarl uarl) {
    return uarl.warnings().stream().map(UarlWarning::message).toList();
  }
}
