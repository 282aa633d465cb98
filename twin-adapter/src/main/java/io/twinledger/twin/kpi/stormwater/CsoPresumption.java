package io.twinledger.twin.kpi.stormwater;

import io.twinledger.twin.kpi.Ratio;
import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The "presumption approach" of the US EPA Combined Sewer Overflow Control Policy (1994): a control
 * programme is presumed adequate if it meets either criterion, and the limits are contractual
 * parameters.
 *
 * <ul>
 *   <li>no more than an average of {@code maxEventsPerYear} overflow events a year (EPA: 4);
 *   <li>capture for treatment of at least {@code minCapturePercent} of the combined sewage by
 *       volume (EPA: 85%).
 * </ul>
 *
 * <p>Both checks compare exact products, never rounded quotients, so a value on the limit passes.
 *
 * @param maxEventsPerYear largest acceptable average number of events a year, zero or more
 * @param minCapturePercent smallest acceptable capture, percent, 0–100
 */
public record CsoPresumption(BigDecimal maxEventsPerYear, BigDecimal minCapturePercent) {

  /** The EPA policy's figures: at most 4 events a year, at least 85% captured. */
  public static final CsoPresumption EPA =
      new CsoPresumption(BigDecimal.valueOf(4), BigDecimal.valueOf(85));

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public CsoPresumption {
    maxEventsPerYear = Require.nonNegative(maxEventsPerYear, "maxEventsPerYear");
    minCapturePercent = Require.percent(minCapturePercent, "minCapturePercent");
  }

  /**
   * Capture in percent: (combined sewage − overflow) / combined sewage × 100, rounded to {@link
   * Ratio#PRECISION}.
   *
   * @param combinedSewageM3 combined sewage collected in wet weather, m³, zero or more
   * @param overflowM3 the part of it that overflowed, m³, zero or more and at most {@code
   *     combinedSewageM3}
   * @return empty when there was no combined sewage
   */
  public static Optional<BigDecimal> capturePercent(
      BigDecimal combinedSewageM3, BigDecimal overflowM3) {
    BigDecimal combined = Require.nonNegative(combinedSewageM3, "combinedSewageM3");
    return Ratio.percent(combined.subtract(checkedOverflow(combined, overflowM3)), combined);
  }

  /**
   * Whether overflow events averaged no more than the limit a year: {@code events ≤ limit × years}.
   *
   * @param events overflow events counted over the observation, zero or more
   * @param years length of the observation in years, greater than zero; the policy averages over
   *     several years where records allow
   */
  public boolean meetsEventLimit(long events, BigDecimal years) {
    if (events < 0) {
      throw new IllegalArgumentException("events: must not be negative, was " + events);
    }
    return BigDecimal.valueOf(events)
            .compareTo(maxEventsPerYear.multiply(Require.positive(years, "years")))
        <= 0;
  }

  /**
   * Whether capture reached the minimum: {@code (combined − overflow) × 100 ≥ minimum × combined}.
   * With no combined sewage nothing overflowed, and the check passes.
   *
   * @param combinedSewageM3 combined sewage collected in wet weather, m³, zero or more
   * @param overflowM3 the part of it that overflowed, m³, zero or more and at most {@code
   *     combinedSewageM3}
   */
  public boolean meetsCapture(BigDecimal combinedSewageM3, BigDecimal overflowM3) {
    BigDecimal combined = Require.nonNegative(combinedSewageM3, "combinedSewageM3");
    BigDecimal captured = combined.subtract(checkedOverflow(combined, overflowM3));
    return captured.multiply(HUNDRED).compareTo(minCapturePercent.multiply(combined)) >= 0;
  }

  private static BigDecimal checkedOverflow(BigDecimal combined, BigDecimal overflowM3) {
    BigDecimal overflow = Require.nonNegative(overflowM3, "overflowM3");
    if (overflow.compareTo(combined) > 0) {
      throw new IllegalArgumentException(
          "overflowM3: must not exceed combinedSewageM3 ("
              + combined.toPlainString()
              + "), was "
              + overflow.toPlainString());
    }
    return overflow;
  }
}
