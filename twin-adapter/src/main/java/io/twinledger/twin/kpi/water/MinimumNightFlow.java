package io.twinledger.twin.kpi.water;

import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;

/**
 * Real losses of a district metered area (DMA) estimated by minimum night flow (MNF) analysis.
 *
 * <p>At night almost no one draws water, so most of the minimum inflow is leakage: night leakage
 * flow = MNF − legitimate night use. Leakage varies with pressure, and pressure varies over the
 * day, so the daily volume is the night leakage flow times a night-day factor (NDF) in hours per
 * day, not times 24. Where night pressure is the highest of the day, as in gravity systems whose
 * head losses fall at night, the NDF is below 24 h, typically 20–24 h; where pressure management
 * lowers night pressure it can exceed 24 h. The factor comes from the DMA's pressure logging and is
 * a parameter here. All results are exact.
 *
 * @param minimumNightFlowM3PerH the DMA's minimum night inflow, m³/h, zero or more
 * @param legitimateNightUseM3PerH estimated customer use during the minimum-flow hour, m³/h, zero
 *     or more and at most the minimum night flow
 * @param nightDayFactorH hours per day by which the night leakage flow is multiplied, greater than
 *     zero
 */
public record MinimumNightFlow(
    BigDecimal minimumNightFlowM3PerH,
    BigDecimal legitimateNightUseM3PerH,
    BigDecimal nightDayFactorH) {

  public MinimumNightFlow {
    minimumNightFlowM3PerH = Require.nonNegative(minimumNightFlowM3PerH, "minimumNightFlowM3PerH");
    legitimateNightUseM3PerH =
        Require.nonNegative(legitimateNightUseM3PerH, "legitimateNightUseM3PerH");
    nightDayFactorH = Require.positive(nightDayFactorH, "nightDayFactorH");
    // Legitimate use above the measured minimum means the use estimate is wrong; a negative
    // leakage would silently flatter the district.
    if (legitimateNightUseM3PerH.compareTo(minimumNightFlowM3PerH) > 0) {
      throw new IllegalArgumentException(
          "legitimateNightUseM3PerH: must not exceed minimumNightFlowM3PerH ("
              + minimumNightFlowM3PerH.toPlainString()
              + "), was "
              + legitimateNightUseM3PerH.toPlainString());
    }
  }

  /** Night leakage flow, m³/h: minimum night flow − legitimate night use. */
  public BigDecimal nightLeakageFlowM3PerH() {
    return Require.normalised(minimumNightFlowM3PerH.subtract(legitimateNightUseM3PerH));
  }

  /** Real losses per day, m³/day: night leakage flow × night-day factor. */
  public BigDecimal dailyRealLossesM3() {
    return Require.normalised(nightLeakageFlowM3PerH().multiply(nightDayFactorH));
  }

  /**
   * Real losses over a period, m³: daily real losses × days.
   *
   * @param days length of the period in days, greater than zero; may be fractional
   */
  public BigDecimal realLossesM3(BigDecimal days) {
    return Require.normalised(dailyRealLossesM3().multiply(Require.positive(days, "days")));
  }
}
