package io.twinledger.market.simulation.village;

import java.math.BigDecimal;

/**
 * One simulated household: its rooftop PV and its consumption.
 *
 * @param id the household's id ({@code h01} … {@code h56})
 * @param peakPowerKw installed PV in kWp (scale 1), positive
 * @param performanceRatio the PV system's AC output / (kWp × irradiation on its modules / 1 kW/m²)
 *     over the year (scale 3, within (0, 1.2]): temperature, inverter, wiring, mismatch and soiling
 *     losses in one factor
 * @param annualConsumptionKwh the household's annual consumption in kWh (whole kWh), positive
 * @param loadShiftQuarterHours when the household's day runs relative to the load shape, in
 *     quarter-hours (positive = later), so that 56 evening peaks do not fall in one slot
 */
public record Household(
    String id,
    BigDecimal peakPowerKw,
    BigDecimal performanceRatio,
    BigDecimal annualConsumptionKwh,
    int loadShiftQuarterHours) {

  public Household {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("household id is required");
    }
    if (peakPowerKw == null || peakPowerKw.signum() <= 0) {
      throw new IllegalArgumentException(
          "household " + id + ": peakPowerKw must be positive, was " + peakPowerKw);
    }
    if (performanceRatio == null
        || performanceRatio.signum() <= 0
        || performanceRatio.compareTo(new BigDecimal("1.2")) > 0) {
      throw new IllegalArgumentException(
          "household "
              + id
              + ": performanceRatio must be within (0, 1.2], was "
              + performanceRatio);
    }
    if (annualConsumptionKwh == null || annualConsumptionKwh.signum() <= 0) {
      throw new IllegalArgumentException(
          "household "
              + id
              + ": annualConsumptionKwh must be positive, was "
              + annualConsumptionKwh);
    }
  }
}
