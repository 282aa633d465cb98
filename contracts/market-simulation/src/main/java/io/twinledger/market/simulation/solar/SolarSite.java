package io.twinledger.market.simulation.solar;

import java.time.ZoneId;

/**
 * Where the village is: the solar position and the local calendar follow from this.
 *
 * @param name a readable name
 * @param latitude degrees north (negative south), within [-90, 90]
 * @param longitude degrees east (negative west), within [-180, 180]
 * @param zone the local time zone
 */
public record SolarSite(String name, double latitude, double longitude, ZoneId zone) {

  /**
   * Busan Eco Delta Smart Village, Gangseo-gu, Busan, Korea: 35.16° N, 128.92° E (the Eco Delta
   * City district by the Nakdong river, to about 1 km), Asia/Seoul (UTC+09:00, no daylight saving
   * time).
   */
  public static final SolarSite BUSAN_ECO_DELTA_SMART_VILLAGE =
      new SolarSite("Busan Eco Delta Smart Village", 35.16, 128.92, ZoneId.of("Asia/Seoul"));

  public SolarSite {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name is required");
    }
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException("latitude must be within [-90, 90], was " + latitude);
    }
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("longitude must be within [-180, 180], was " + longitude);
    }
    if (zone == null) {
      throw new IllegalArgumentException("zone is required");
    }
  }
}
