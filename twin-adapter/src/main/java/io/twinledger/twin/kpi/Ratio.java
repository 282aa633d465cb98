package io.twinledger.twin.kpi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * The quotient of two quantities, the one place where KPI formulas round.
 *
 * <p>Every quotient is rounded once to {@link #PRECISION}: 34 significant digits, {@link
 * java.math.RoundingMode#HALF_EVEN}. A quotient that terminates within 34 digits, such as {@code
 * 350 / 1750 = 0.2}, is exact. Results carry no trailing zeros.
 */
public final class Ratio {

  /** IEEE 754 decimal128: 34 significant digits, rounding half-even. */
  public static final MathContext PRECISION = MathContext.DECIMAL128;

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Ratio() {}

  /**
   * {@code numerator / denominator}, rounded to {@link #PRECISION}.
   *
   * @return empty when the denominator is zero, because the ratio is then undefined
   */
  public static Optional<BigDecimal> of(BigDecimal numerator, BigDecimal denominator) {
    Require.present(numerator, "numerator");
    Require.present(denominator, "denominator");
    if (denominator.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(Require.normalised(numerator.divide(denominator, PRECISION)));
  }

  /**
   * {@code part / whole × 100}, rounded to {@link #PRECISION}. The multiplication comes first, so
   * the result is rounded only once.
   *
   * @return empty when {@code whole} is zero
   */
  public static Optional<BigDecimal> percent(BigDecimal part, BigDecimal whole) {
    return of(Require.present(part, "part").multiply(HUNDRED), whole);
  }
}
