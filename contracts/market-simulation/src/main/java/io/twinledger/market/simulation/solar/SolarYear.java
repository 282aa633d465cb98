package io.twinledger.market.simulation.solar;

import io.twinledger.market.simulation.calendar.SimulationYear;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import net.e175.klaus.solarpositioning.DeltaT;
import net.e175.klaus.solarpositioning.Grena3;

/**
 * A synthetic year of global horizontal irradiance (GHI) at a site, per 15-minute slot: the sun's
 * zenith angle at the slot's midpoint by Grena's algorithm 3 (Grena 2012, from {@code
 * net.e175.klaus:solarpositioning}; within 0.01° of NREL's SPA for 2010–2110 at a fraction of its
 * cost; ΔT estimated for the year, standard refraction at 1013 hPa and 15 °C), the clear-sky GHI by
 * {@link ClearSky#haurwitzGhi Haurwitz}, times the slot's {@link Cloudiness clear-sky index}. The
 * midpoint value stands for the slot's mean (the error is below 1 % of a day's energy, and zero at
 * night).
 */
public final class SolarYear {

  private final SimulationYear year;
  private final double[] clearSkyGhi;
  private final double[] ghi;

  private SolarYear(SimulationYear year, double[] clearSkyGhi, double[] ghi) {
    this.year = year;
    this.clearSkyGhi = clearSkyGhi;
    this.ghi = ghi;
  }

  /**
   * Computes the year.
   *
   * @param site where the sun is observed
   * @param calendarYear the year, in the site's time zone
   * @param weatherSeed the cloudiness seed
   */
  public static SolarYear of(SolarSite site, int calendarYear, long weatherSeed) {
    SimulationYear year = new SimulationYear(calendarYear, site.zone());
    LocalDateTime[] starts = year.localStarts();
    double[] clear = new double[starts.length];
    double deltaT = DeltaT.estimate(starts[starts.length / 2].toLocalDate());
    for (int i = 0; i < starts.length; i++) {
      ZonedDateTime midpoint = starts[i].atZone(site.zone()).plus(SimulationYear.SLOT.dividedBy(2));
      double zenith =
          Grena3.calculateSolarPosition(
                  midpoint, site.latitude(), site.longitude(), deltaT, 1013, 15)
              .zenithAngle();
      clear[i] = ClearSky.haurwitzGhi(zenith);
    }
    double[] index = Cloudiness.clearSkyIndex(starts, weatherSeed);
    double[] ghi = new double[starts.length];
    for (int i = 0; i < starts.length; i++) {
      ghi[i] = clear[i] * index[i];
    }
    return new SolarYear(year, clear, ghi);
  }

  /** The year's slots. */
  public SimulationYear year() {
    return year;
  }

  /** Slot {@code index}'s clear-sky GHI in W/m². */
  public double clearSkyGhi(int index) {
    return clearSkyGhi[index];
  }

  /** Slot {@code index}'s GHI under the simulated clouds in W/m² (mean power over the slot). */
  public double ghi(int index) {
    return ghi[index];
  }

  /** The year's global horizontal irradiation in kWh/m². */
  public double annualIrradiation() {
    double sum = 0;
    for (double value : ghi) {
      sum += value;
    }
    return sum / 1000 / SimulationYear.SLOTS_PER_HOUR;
  }
}
