package io.twinledger.market.simulation.solar;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * Stochastic cloudiness as a clear-sky index per slot (measured GHI / clear-sky GHI), seeded, for
 * the whole village (one sky over 56 roofs).
 *
 * <p>Two layers, both first-order autoregressive on standard normal innovations:
 *
 * <ul>
 *   <li>a day level, persistent from day to day ({@code d_n = ρ_d · d_(n−1) + √(1−ρ_d²) · ε},
 *       {@code ρ_d} = {@value #DAY_PERSISTENCE}), mapped to the day's index {@code k = m(month) +
 *       }{@value #DAY_SPREAD}{@code · d_n} clamped to [{@value #MIN_DAY_INDEX}, 1], with {@code
 *       m(month)} the month's mean index;
 *   <li>slot noise within the day ({@code s_t = ρ_s · s_(t−1) + √(1−ρ_s²) · η}, {@code ρ_s} =
 *       {@value #SLOT_PERSISTENCE}), scaled by {@value #SLOT_SPREAD}{@code · 4k(1−k)}: broken cloud
 *       varies most, clear and overcast days least. The slot's index is {@code k + that}, clamped
 *       to [{@value #MIN_SLOT_INDEX}, {@value #MAX_SLOT_INDEX}] (a little above 1 for cloud-edge
 *       enhancement).
 * </ul>
 *
 * <p>The monthly means are calibrated so that the synthetic year's global horizontal irradiation in
 * Busan is about 1,400–1,450 kWh/m² with the shape of Busan's climate: clearest in the dry winter
 * monsoon and in spring, cloudiest in the June–July rainy season (jangma), typhoon clouds in
 * August–September.
 */
public final class Cloudiness {

  /** Mean clear-sky index per month, January first. */
  private static final double[] MONTHLY_MEAN = {
    0.72, 0.70, 0.68, 0.70, 0.68, 0.56, 0.50, 0.58, 0.58, 0.70, 0.70, 0.72
  };

  static final double DAY_PERSISTENCE = 0.6;
  static final double DAY_SPREAD = 0.22;
  static final double MIN_DAY_INDEX = 0.08;
  static final double SLOT_PERSISTENCE = 0.85;
  static final double SLOT_SPREAD = 0.3;
  static final double MIN_SLOT_INDEX = 0.03;
  static final double MAX_SLOT_INDEX = 1.08;

  private Cloudiness() {}

  /**
   * The clear-sky index of every slot, in the order of {@code localStarts}.
   *
   * @param localStarts the slots' local start times, consecutive quarter-hours
   * @param seed the weather's seed: the same seed gives the same sky
   * @return one index per slot, within [{@value #MIN_SLOT_INDEX}, {@value #MAX_SLOT_INDEX}]
   */
  public static double[] clearSkyIndex(LocalDateTime[] localStarts, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] index = new double[localStarts.length];
    double dayInnovation = Math.sqrt(1 - DAY_PERSISTENCE * DAY_PERSISTENCE);
    double slotInnovation = Math.sqrt(1 - SLOT_PERSISTENCE * SLOT_PERSISTENCE);
    double dayLatent = random.nextGaussian();
    double slotLatent = 0;
    double dayIndex = 0;
    LocalDate day = null;
    for (int i = 0; i < localStarts.length; i++) {
      LocalDate date = localStarts[i].toLocalDate();
      if (!date.equals(day)) {
        day = date;
        dayLatent = DAY_PERSISTENCE * dayLatent + dayInnovation * random.nextGaussian();
        dayIndex =
            clamp(
                MONTHLY_MEAN[date.getMonthValue() - 1] + DAY_SPREAD * dayLatent, MIN_DAY_INDEX, 1);
        slotLatent = random.nextGaussian();
      }
      slotLatent = SLOT_PERSISTENCE * slotLatent + slotInnovation * random.nextGaussian();
      double spread = SLOT_SPREAD * 4 * dayIndex * (1 - dayIndex);
      index[i] = clamp(dayIndex + spread * slotLatent, MIN_SLOT_INDEX, MAX_SLOT_INDEX);
    }
    return index;
  }

  private static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }
}
