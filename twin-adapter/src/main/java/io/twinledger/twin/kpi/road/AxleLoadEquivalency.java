package io.twinledger.twin.kpi.road;

import io.twinledger.twin.kpi.Ratio;
import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * Pavement damage of axle loads, as equivalent single axle loads (ESAL) from weigh-in-motion data:
 *
 * <pre>
 * ESAL = Σ over axles (P_axle / P_standard)^n
 * </pre>
 *
 * <p>P_standard is 80 kN (an 18,000 lb single axle) and n = 4 under the AASHO road test's "fourth
 * power law"; measured exponents range from about 3 to more than 6, so both are parameters.
 *
 * <p>Precision depends on the exponent:
 *
 * <ul>
 *   <li>Integer n: {@code Σ P_axle^n / P_standard^n} with exact powers and sum, and one division
 *       rounded to {@link Ratio#PRECISION}; exact whenever the quotient terminates, as it always
 *       does for P_standard = 80 kN. Doubling a load gives exactly 16× at n = 4.
 *   <li>Non-integer n, such as 3.5 or 4.2: {@link BigDecimal#pow} takes only integers, so each
 *       axle's factor is {@link Math#pow} of the ratio (rounded to 34 digits, then to the nearest
 *       double) and rounded to {@link #NON_INTEGER_PRECISION}, 12 significant digits half-even; the
 *       factors are then summed exactly. Converting the ratio to a double and {@code Math.pow}
 *       together err by less than (n + 1) units in the last place of a double, under 3 × 10⁻¹⁵
 *       relative for n ≤ 20, so the 12 digits kept are right (a factor within that distance of a
 *       rounding midpoint may round its 12th digit either way). That is far finer than the exponent
 *       itself is known.
 * </ul>
 *
 * @param standardAxleLoadKn P_standard, kN, greater than zero
 * @param exponent n, greater than zero and at most {@value #MAX_EXPONENT}
 */
public record AxleLoadEquivalency(BigDecimal standardAxleLoadKn, BigDecimal exponent) {

  /** 80 kN standard axle, n = 4. */
  public static final AxleLoadEquivalency FOURTH_POWER_LAW =
      new AxleLoadEquivalency(BigDecimal.valueOf(80), BigDecimal.valueOf(4));

  /** Significant digits kept of each axle's factor when the exponent is not an integer. */
  public static final MathContext NON_INTEGER_PRECISION =
      new MathContext(12, RoundingMode.HALF_EVEN);

  /**
   * Largest exponent accepted. Measured exponents stay below about 7; the bound rejects unit slips
   * such as a percentage and keeps powers within the range of a double.
   */
  public static final int MAX_EXPONENT = 20;

  public AxleLoadEquivalency {
    standardAxleLoadKn = Require.positive(standardAxleLoadKn, "standardAxleLoadKn");
    exponent = Require.positive(exponent, "exponent");
    if (exponent.compareTo(BigDecimal.valueOf(MAX_EXPONENT)) > 0) {
      throw new IllegalArgumentException(
          "exponent: must be at most " + MAX_EXPONENT + ", was " + exponent.toPlainString());
    }
  }

  /**
   * ESAL of a set of axles, for example all axles weighed in a period.
   *
   * @param axleLoadsKn load of each axle, kN, each zero or more; an empty list gives zero
   */
  public BigDecimal esal(List<BigDecimal> axleLoadsKn) {
    List<BigDecimal> loads = Require.nonNegativeElements(axleLoadsKn, "axleLoadsKn");
    // The exponent is normalised, so a scale of zero means it is a whole number.
    if (exponent.scale() == 0) {
      int n = exponent.intValueExact();
      BigDecimal sumOfPowers =
          loads.stream().map(load -> load.pow(n)).reduce(BigDecimal.ZERO, BigDecimal::add);
      return Ratio.of(sumOfPowers, standardAxleLoadKn.pow(n)).orElseThrow();
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < loads.size(); i++) {
      BigDecimal ratio = Ratio.of(loads.get(i), standardAxleLoadKn).orElseThrow();
      double factor = Math.pow(ratio.doubleValue(), exponent.doubleValue());
      if (!Double.isFinite(factor)) {
        throw new IllegalArgumentException(
            "axleLoadsKn["
                + i
                + "]: load factor overflows, was "
                + loads.get(i).toPlainString()
                + " kN");
      }
      sum = sum.add(new BigDecimal(factor).round(NON_INTEGER_PRECISION));
    }
    return Require.normalised(sum);
  }
}
