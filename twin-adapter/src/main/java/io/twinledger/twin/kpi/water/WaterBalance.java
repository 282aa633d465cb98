package io.twinledger.twin.kpi.water;

import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;

/**
 * The IWA standard water balance of a district for one period, in m³.
 *
 * <pre>
 * system input volume = authorised consumption + water losses
 * authorised consumption = billed + unbilled authorised consumption
 * water losses = apparent (commercial) losses + real (physical) losses
 * </pre>
 *
 * <p>Real losses are what remains once the other components are known; that residual is the current
 * real losses (CARL) the balance method gives. All results are exact.
 *
 * @param systemInputVolumeM3 system input volume, zero or more
 * @param billedAuthorisedConsumptionM3 billed authorised consumption, zero or more
 * @param unbilledAuthorisedConsumptionM3 unbilled authorised consumption (fire fighting, mains
 *     flushing), zero or more; billed plus unbilled must not exceed the system input volume
 * @param apparentLossesM3 apparent losses (meter under-registration, theft, data errors), zero or
 *     more and at most the water losses
 */
public record WaterBalance(
    BigDecimal systemInputVolumeM3,
    BigDecimal billedAuthorisedConsumptionM3,
    BigDecimal unbilledAuthorisedConsumptionM3,
    BigDecimal apparentLossesM3) {

  public WaterBalance {
    systemInputVolumeM3 = Require.nonNegative(systemInputVolumeM3, "systemInputVolumeM3");
    billedAuthorisedConsumptionM3 =
        Require.nonNegative(billedAuthorisedConsumptionM3, "billedAuthorisedConsumptionM3");
    unbilledAuthorisedConsumptionM3 =
        Require.nonNegative(unbilledAuthorisedConsumptionM3, "unbilledAuthorisedConsumptionM3");
    apparentLossesM3 = Require.nonNegative(apparentLossesM3, "apparentLossesM3");
    // Components that overshoot their total would produce negative losses, which the balance
    // cannot have; such input is an estimation error to be fixed upstream.
    BigDecimal authorised = billedAuthorisedConsumptionM3.add(unbilledAuthorisedConsumptionM3);
    if (authorised.compareTo(systemInputVolumeM3) > 0) {
      throw new IllegalArgumentException(
          "unbilledAuthorisedConsumptionM3: billed plus unbilled authorised consumption ("
              + authorised.toPlainString()
              + ") must not exceed systemInputVolumeM3 ("
              + systemInputVolumeM3.toPlainString()
              + ")");
    }
    BigDecimal waterLosses = systemInputVolumeM3.subtract(authorised);
    if (apparentLossesM3.compareTo(waterLosses) > 0) {
      throw new IllegalArgumentException(
          "apparentLossesM3: must not exceed the water losses ("
              + waterLosses.toPlainString()
              + "), was "
              + apparentLossesM3.toPlainString());
    }
  }

  /** Billed plus unbilled authorised consumption, m³. */
  public BigDecimal authorisedConsumptionM3() {
    return Require.normalised(billedAuthorisedConsumptionM3.add(unbilledAuthorisedConsumptionM3));
  }

  /** Non-revenue water of the same period: system input volume − billed authorised consumption. */
  public NonRevenueWater nonRevenueWater() {
    return new NonRevenueWater(systemInputVolumeM3, billedAuthorisedConsumptionM3);
  }

  /** Water losses, m³: system input volume − authorised consumption = apparent + real losses. */
  public BigDecimal waterLossesM3() {
    return Require.normalised(systemInputVolumeM3.subtract(authorisedConsumptionM3()));
  }

  /** Real (physical) losses, m³: water losses − apparent losses. */
  public BigDecimal realLossesM3() {
    return Require.normalised(waterLossesM3().subtract(apparentLossesM3));
  }
}
