package io.twinledger.market.simulation.tariff;

import java.time.LocalTime;

/**
 * The time-of-use periods of the village's retail tariff, by local time: off-peak 22:00–08:00,
 * mid-peak 08:00–17:00, peak 17:00–22:00 (start inclusive, end exclusive). The peak is the evening,
 * when solar is gone and demand is highest: the pattern the reference describes.
 */
public enum TouPeriod {
  OFF_PEAK,
  MID_PEAK,
  PEAK;

  private static final LocalTime MID_STARTS = LocalTime.of(8, 0);
  private static final LocalTime PEAK_STARTS = LocalTime.of(17, 0);
  private static final LocalTime OFF_STARTS = LocalTime.of(22, 0);

  /** The period a local time of day falls in. */
  public static TouPeriod of(LocalTime time) {
    if (time.isBefore(MID_STARTS) || !time.isBefore(OFF_STARTS)) {
      return OFF_PEAK;
    }
    return time.isBefore(PEAK_STARTS) ? MID_PEAK : PEAK;
  }
}
