package io.twinledger.market.simulation.load;

import io.twinledger.market.simulation.calendar.SimulationYear;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * One household's year of load, per slot, from a {@link LoadShape}.
 *
 * <p>Slot {@code i}'s weight is {@code shape.at(localStart_i − shift) · exp(σ_d·D − σ_d²/2) ·
 * exp(σ_s·s_i − σ_s²/2)}: the household's habits shifted by a whole number of quarter-hours, a day
 * factor ({@code D} standard normal per day, {@code σ_d} = {@value #DAY_SIGMA}) and slot noise
 * ({@code s} first-order autoregressive, standard normal, {@code ρ} = {@value #SLOT_PERSISTENCE},
 * {@code σ_s} = {@value #SLOT_SIGMA}); the log-normal factors have mean 1. The weights are then
 * scaled so that the year sums exactly (before metering's rounding) to the annual consumption:
 * {@code load_i = annual · w_i / Σw}.
 */
public final class HouseholdLoad {

  static final double DAY_SIGMA = 0.15;
  static final double SLOT_SIGMA = 0.35;
  static final double SLOT_PERSISTENCE = 0.7;

  private HouseholdLoad() {}

  /**
   * The household's load in kWh per slot.
   *
   * @param shapeValues the shape's value for each slot, shifted by the household's habits ({@link
   *     LoadShape#values})
   * @param localStarts the year's slots' local start times ({@link SimulationYear#localStarts()}),
   *     where the day factor changes
   * @param annualKwh the household's annual consumption in kWh, positive
   * @param random the household's noise source for this year
   * @return kWh per slot, summing to {@code annualKwh} up to floating-point error
   */
  public static double[] year(
      double[] shapeValues,
      LocalDateTime[] localStarts,
      double annualKwh,
      SplittableRandom random) {
    if (!(annualKwh > 0)) {
      throw new IllegalArgumentException("annualKwh must be positive, was " + annualKwh);
    }
    double[] weights = new double[localStarts.length];
    double innovation = Math.sqrt(1 - SLOT_PERSISTENCE * SLOT_PERSISTENCE);
    double slotLatent = random.nextGaussian();
    double dayFactor = 1;
    LocalDate day = null;
    double sum = 0;
    for (int i = 0; i < localStarts.length; i++) {
      LocalDate date = localStarts[i].toLocalDate();
      if (!date.equals(day)) {
        day = date;
        dayFactor = Math.exp(DAY_SIGMA * random.nextGaussian() - DAY_SIGMA * DAY_SIGMA / 2);
      }
      slotLatent = SLOT_PERSISTENCE * slotLatent + innovation * random.nextGaussian();
      double slotFactor = Math.exp(SLOT_SIGMA * slotLatent - SLOT_SIGMA * SLOT_SIGMA / 2);
      weights[i] = shapeValues[i] * dayFactor * slotFactor;
      sum += weights[i];
    }
    double scale = annualKwh / sum;
    for (int i = 0; i < weights.length; i++) {
      weights[i] *= scale;
    }
    return weights;
  }
}
