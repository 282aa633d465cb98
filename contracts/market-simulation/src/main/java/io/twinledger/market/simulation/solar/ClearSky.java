package io.twinledger.market.simulation.solar;

/**
 * Clear-sky global horizontal irradiance by the Haurwitz model (Haurwitz 1945, as compared in Reno,
 * Hansen and Stein, <i>Global Horizontal Irradiance Clear Sky Models</i>, Sandia SAND2012-2389):
 * {@code GHI = 1098 · cos z · exp(−0.059 / cos z)} W/m², z the solar zenith angle; 0 when the sun
 * is at or below the horizon ({@code cos z <= 0}). It needs no atmospheric inputs, which suits a
 * synthetic year; it is a little high at large zenith angles, which the cloudiness and the system
 * efficiency absorb.
 */
public final class ClearSky {

  private ClearSky() {}

  /**
   * The clear-sky GHI in W/m² for a solar zenith angle in degrees.
   *
   * @param zenithDegrees the solar zenith angle, 0 = sun overhead, 90 = on the horizon
   * @return irradiance in W/m², 0 at night
   */
  public static double haurwitzGhi(double zenithDegrees) {
    double cosZ = Math.cos(Math.toRadians(zenithDegrees));
    if (cosZ <= 0) {
      return 0;
    }
    return 1098 * cosZ * Math.exp(-0.059 / cosZ);
  }
}
