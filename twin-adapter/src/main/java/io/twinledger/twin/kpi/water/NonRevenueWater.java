package io.twinledger.twin.kpi.water;

import io.twinledger.twin.kpi.Ratio;
import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Non-revenue water (NRW) of a district for one period: the water put into the system that earned
 * no revenue.
 *
 * <p>NRW needs only the two quantities that performance-based NRW contracts meter; the full IWA
 * balance, which splits NRW further, is {@link WaterBalance}.
 *
 * @param systemInputVolumeM3 system input volume (SIV) in m³, zero or more; see {@link
 *     #sumOfInflowsM3}
 * @param billedAuthorisedConsumptionM3 billed authorised consumption in m³, zero or more and at
 *     most the system input volume
 */
public record NonRevenueWater(
    BigDecimal systemInputVolumeM3, BigDecimal billedAuthorisedConsumptionM3) {

  public NonRevenueWater {
    systemInputVolumeM3 = Require.nonNegative(systemInputVolumeM3, "systemInputVolumeM3");
    billedAuthorisedConsumptionM3 =
        Require.nonNegative(billedAuthorisedConsumptionM3, "billedAuthorisedConsumptionM3");
    // A negative NRW would mean more water billed than put in: a metering or period-cut error that
    // must be fixed in the data, not reported as a KPI.
    if (billedAuthorisedConsumptionM3.compareTo(systemInputVolumeM3) > 0) {
      throw new IllegalArgumentException(
          "billedAuthorisedConsumptionM3: must not exceed systemInputVolumeM3 ("
              + systemInputVolumeM3.toPlainString()
              + "), was "
              + billedAuthorisedConsumptionM3.toPlainString());
    }
  }

  /**
   * The system input volume of a period: the exact sum of the volumes, in m³, that the district's
   * inflow meters recorded in it.
   *
   * @param inflowVolumesM3 one volume per inflow meter or per reading, each zero or more; an empty
   *     list sums to zero
   */
  public static BigDecimal sumOfInflowsM3(List<BigDecimal> inflowVolumesM3) {
    return Require.normalised(
        Require.nonNegativeElements(inflowVolumesM3, "inflowVolumesM3").stream()
            .reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  /** NRW volume in m³: system input volume − billed authorised consumption; exact. */
  public BigDecimal volumeM3() {
    return Require.normalised(systemInputVolumeM3.subtract(billedAuthorisedConsumptionM3));
  }

  /**
   * NRW as a percentage of system input volume, 0–100, rounded to {@link Ratio#PRECISION}.
   *
   * @return empty when the system input volume is zero, since the share is then undefined
   */
  public Optional<BigDecimal> percentOfSystemInput() {
    return Ratio.percent(volumeM3(), systemInputVolumeM3);
  }
}
