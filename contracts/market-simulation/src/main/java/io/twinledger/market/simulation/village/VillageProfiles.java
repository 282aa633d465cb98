package io.twinledger.market.simulation.village;

import io.twinledger.market.simulation.calendar.SimulationYear;
import io.twinledger.market.simulation.load.HouseholdLoad;
import io.twinledger.market.simulation.load.LoadShape;
import io.twinledger.market.simulation.solar.SolarYear;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A village's year of PV generation and load per household and slot, metered: whole Wh (kWh at
 * scale 3), each slot's simulated kWh rounded to the nearest Wh (half up).
 *
 * <p>PV in slot {@code i}: {@code kWp · }{@value #PLANE_OF_ARRAY_GAIN}{@code · performanceRatio ·
 * GHI_i / (1000 W/m²) · 0.25 h}, the constant being the plane-of-array gain of modules tilted about
 * 30° to the south over the horizontal at 35° N, over a year (PVGIS-style estimates for southern
 * Korea give 1.10–1.15; applied flat, not per slot, which overstates winter mornings and
 * understates winter noons a little); load: {@link HouseholdLoad}. The meter sees only the net: its
 * import register advances by {@code max(load − pv, 0)} and its export register by {@code max(pv −
 * load, 0)} in each slot, so within a slot a household either imports or exports (the PV first
 * serves the house's own load).
 */
public final class VillageProfiles {

  /** Annual irradiation on the tilted modules / global horizontal irradiation. */
  public static final double PLANE_OF_ARRAY_GAIN = 1.12;

  private final Village village;
  private final SolarYear solar;
  private final int[][] pvWh;
  private final int[][] loadWh;

  private VillageProfiles(Village village, SolarYear solar, int[][] pvWh, int[][] loadWh) {
    this.village = village;
    this.solar = solar;
    this.pvWh = pvWh;
    this.loadWh = loadWh;
  }

  /**
   * Generates the village's profiles for a calendar year (in the site's zone). Deterministic: the
   * same village (seed) and year give the same Wh.
   */
  public static VillageProfiles generate(Village village, int year, LoadShape shape) {
    SolarYear solar =
        SolarYear.of(village.site(), year, Seeds.derive(village.seed(), Seeds.WEATHER, year));
    LocalDateTime[] starts = solar.year().localStarts();
    int households = village.households().size();
    int[][] pv = new int[households][starts.length];
    int[][] load = new int[households][starts.length];
    Map<Integer, double[]> shapeByShift = new HashMap<>();
    for (int h = 0; h < households; h++) {
      Household household = village.households().get(h);
      double kwhPerWm2 =
          household.peakPowerKw().doubleValue()
              * PLANE_OF_ARRAY_GAIN
              * household.performanceRatio().doubleValue()
              / 1000
              / SimulationYear.SLOTS_PER_HOUR;
      for (int i = 0; i < starts.length; i++) {
        pv[h][i] = toWh(solar.ghi(i) * kwhPerWm2);
      }
      double[] kwh =
          HouseholdLoad.year(
              shapeByShift.computeIfAbsent(
                  household.loadShiftQuarterHours(), shift -> shape.values(starts, shift)),
              starts,
              household.annualConsumptionKwh().doubleValue(),
              new SplittableRandom(Seeds.derive(village.seed(), Seeds.LOAD, year, h + 1)));
      for (int i = 0; i < starts.length; i++) {
        load[h][i] = toWh(kwh[i]);
      }
    }
    return new VillageProfiles(village, solar, pv, load);
  }

  private static int toWh(double kwh) {
    return (int) Math.round(kwh * 1000);
  }

  /** The village. */
  public Village village() {
    return village;
  }

  /** The year's slots. */
  public SimulationYear year() {
    return solar.year();
  }

  /** The year's irradiance. */
  public SolarYear solar() {
    return solar;
  }

  /** The number of households. */
  public int households() {
    return pvWh.length;
  }

  /** The number of slots. */
  public int slots() {
    return pvWh[0].length;
  }

  /** Household {@code h}'s (0-based) PV generation in slot {@code slot}, in Wh. */
  public int pvWh(int h, int slot) {
    return pvWh[h][slot];
  }

  /** Household {@code h}'s load in slot {@code slot}, in Wh. */
  public int loadWh(int h, int slot) {
    return loadWh[h][slot];
  }

  /** Household {@code h}'s import register's increment in slot {@code slot}, in Wh. */
  public int importWh(int h, int slot) {
    return Math.max(loadWh[h][slot] - pvWh[h][slot], 0);
  }

  /** Household {@code h}'s export register's increment in slot {@code slot}, in Wh. */
  public int exportWh(int h, int slot) {
    return Math.max(pvWh[h][slot] - loadWh[h][slot], 0);
  }

  /** Household {@code h}'s year of PV generation in kWh (scale 3). */
  public BigDecimal annualPvKwh(int h) {
    return kwh(sum(pvWh[h]));
  }

  /** Household {@code h}'s year of load in kWh (scale 3). */
  public BigDecimal annualLoadKwh(int h) {
    return kwh(sum(loadWh[h]));
  }

  /** Wh as kWh at scale 3. */
  public static BigDecimal kwh(long wh) {
    return BigDecimal.valueOf(wh, 3);
  }

  private static long sum(int[] values) {
    long sum = 0;
    for (int value : values) {
      sum += value;
    }
    return sum;
  }
}
