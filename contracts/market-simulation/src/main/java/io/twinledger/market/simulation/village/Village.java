package io.twinledger.market.simulation.village;

import io.twinledger.market.simulation.solar.SolarSite;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated village: where it is and its households, drawn from a seed.
 *
 * <p>Household {@code n} (1-based, id {@code h}+two digits) draws from its own seeded stream, so it
 * is the same household whatever the village's size: PV uniform in [{@value #MIN_KWP}, {@value
 * #MAX_KWP}] kWp in steps of 0.1 (the village's rooftops); performance ratio uniform in [0.780,
 * 0.860]; annual consumption uniform in [{@value #MIN_CONSUMPTION_KWH}, {@value
 * #MAX_CONSUMPTION_KWH}] kWh in steps of 10 (Korean households average about 3,600 kWh a year;
 * these are detached zero-energy houses with heat pumps, so more); load shift uniform in −4..+4
 * quarter-hours. With these ranges the village produces about 1.1–1.2 times what it consumes, as
 * the real one's 109.8 % energy independence rating suggests.
 *
 * @param site where the village is
 * @param seed the simulation's seed
 * @param households the households, in id order
 */
public record Village(SolarSite site, long seed, List<Household> households) {

  /** The real village's number of households. */
  public static final int BUSAN_HOUSEHOLDS = 56;

  static final double MIN_KWP = 3.0;
  static final double MAX_KWP = 6.0;
  static final int MIN_CONSUMPTION_KWH = 3_500;
  static final int MAX_CONSUMPTION_KWH = 6_500;

  public Village {
    if (site == null) {
      throw new IllegalArgumentException("site is required");
    }
    households = List.copyOf(households);
    if (households.isEmpty()) {
      throw new IllegalArgumentException("a village needs at least one household");
    }
  }

  /**
   * Draws a village of {@code count} households at Busan Eco Delta Smart Village.
   *
   * @param seed the simulation's seed
   * @param count the number of households, 1..999
   */
  public static Village generate(long seed, int count) {
    return generate(SolarSite.BUSAN_ECO_DELTA_SMART_VILLAGE, seed, count);
  }

  /** Draws a village of {@code count} (1..999) households at {@code site}. */
  public static Village generate(SolarSite site, long seed, int count) {
    if (count < 1 || count > 999) {
      throw new IllegalArgumentException("households must be within 1..999, was " + count);
    }
    List<Household> households = new ArrayList<>(count);
    for (int n = 1; n <= count; n++) {
      SplittableRandom random = new SplittableRandom(Seeds.derive(seed, Seeds.HOUSEHOLD, n));
      int tenthsKwp =
          (int) Math.round(MIN_KWP * 10) + random.nextInt((int) ((MAX_KWP - MIN_KWP) * 10) + 1);
      int ratioThousandths = 780 + random.nextInt(81);
      int consumptionTens =
          MIN_CONSUMPTION_KWH / 10
              + random.nextInt((MAX_CONSUMPTION_KWH - MIN_CONSUMPTION_KWH) / 10 + 1);
      int shift = random.nextInt(9) - 4;
      households.add(
          new Household(
              householdId(n),
              BigDecimal.valueOf(tenthsKwp, 1),
              BigDecimal.valueOf(ratioThousandths, 3),
              BigDecimal.valueOf(consumptionTens * 10L).setScale(0, RoundingMode.UNNECESSARY),
              shift));
    }
    return new Village(site, seed, households);
  }

  /** The id of household {@code n} (1-based): {@code h01} … {@code h56}, three digits past 99. */
  public static String householdId(int n) {
    return n < 100 ? String.format("h%02d", n) : "h" + n;
  }
}
