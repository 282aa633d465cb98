package io.twinledger.finance.valuation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Natural logarithm, exponential and real powers of {@link BigDecimal}s, for discount factors with
 * fractional exponents ({@code (1 + r)^(days/365)}) that {@link BigDecimal#pow(int)} cannot take.
 *
 * <p>Results are correct to the precision of the {@link MathContext} given (the work is done with
 * ten guard digits and rounded once at the end); {@link MathContext#DECIMAL128} is what the
 * valuation classes use.
 */
public final class DecimalMath {

  private static final int GUARD_DIGITS = 10;
  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  private static final BigDecimal REDUCED_LOG_ARGUMENT = new BigDecimal("0.01");
  private static final double REDUCED_EXP_ARGUMENT = 0.1;
  private static final BigDecimal MAX_EXP_ARGUMENT = BigDecimal.valueOf(100_000);

  private DecimalMath() {}

  /**
   * {@code base^exponent}. Whole exponents use repeated multiplication (any base); other exponents
   * use {@code exp(exponent × ln(base))} and need a positive base.
   *
   * @throws IllegalArgumentException for a fractional exponent of a base that is not positive
   */
  public static BigDecimal pow(BigDecimal base, BigDecimal exponent, MathContext mc) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(exponent, "exponent");
    if (isSmallWholeNumber(exponent)) {
      int n = exponent.intValueExact();
      MathContext work = withGuardDigits(mc);
      BigDecimal power = base.pow(Math.abs(n), work);
      return (n < 0 ? BigDecimal.ONE.divide(power, work) : power).round(mc);
    }
    if (base.signum() <= 0) {
      throw new IllegalArgumentException(
          "cannot raise "
              + base.toPlainString()
              + " to the fractional power "
              + exponent.toPlainString()
              + ": the base must be positive");
    }
    MathContext work = withGuardDigits(mc);
    return exp(exponent.multiply(ln(base, work), work), work).round(mc);
  }

  /**
   * The natural logarithm of a positive number.
   *
   * @throws IllegalArgumentException if {@code x} is not positive
   */
  public static BigDecimal ln(BigDecimal x, MathContext mc) {
    Objects.requireNonNull(x, "x");
    if (x.signum() <= 0) {
      throw new IllegalArgumentException(
          "the logarithm of " + x.toPlainString() + " is undefined: it must be positive");
    }
    MathContext work = withGuardDigits(mc);
    // ln x = 2^k ln(x^(1/2^k)): square roots bring the argument close to 1, where the series
    // ln x = 2 atanh((x-1)/(x+1)) = 2 Σ z^(2n+1)/(2n+1) converges fast.
    int halvings = 0;
    BigDecimal reduced = x;
    while (reduced.subtract(BigDecimal.ONE).abs().compareTo(REDUCED_LOG_ARGUMENT) > 0) {
      reduced = reduced.sqrt(work);
      halvings++;
    }
    BigDecimal z = reduced.subtract(BigDecimal.ONE).divide(reduced.add(BigDecimal.ONE), work);
    BigDecimal zSquared = z.multiply(z, work);
    BigDecimal power = z;
    BigDecimal sum = z;
    for (int n = 3; ; n += 2) {
      power = power.multiply(zSquared, work);
      BigDecimal next = sum.add(power.divide(BigDecimal.valueOf(n), work), work);
      if (next.compareTo(sum) == 0) {
        break;
      }
      sum = next;
    }
    return sum.multiply(TWO.pow(halvings + 1), work).round(mc);
  }

  /**
   * {@code e^x}.
   *
   * @throws ArithmeticException if {@code |x|} exceeds 100,000, far beyond any discount factor
   */
  public static BigDecimal exp(BigDecimal x, MathContext mc) {
    Objects.requireNonNull(x, "x");
    requireFinitePrecision(mc);
    if (x.abs().compareTo(MAX_EXP_ARGUMENT) > 0) {
      throw new ArithmeticException("e^" + x.toPlainString() + " is out of range");
    }
    // e^x = (e^(x/2^k))^(2^k): a small argument makes the Taylor series short. Each squaring
    // doubles the relative error, so k extra bits of guard precision pay for the k squarings.
    int halvings = 0;
    for (double magnitude = Math.abs(x.doubleValue());
        magnitude > REDUCED_EXP_ARGUMENT;
        magnitude /= 2) {
      halvings++;
    }
    MathContext work =
        new MathContext(
            mc.getPrecision() + GUARD_DIGITS + halvings * 3 / 10 + 1, RoundingMode.HALF_EVEN);
    BigDecimal reduced = x.divide(TWO.pow(halvings), work);
    BigDecimal term = BigDecimal.ONE;
    BigDecimal sum = BigDecimal.ONE;
    for (int n = 1; ; n++) {
      term = term.multiply(reduced, work).divide(BigDecimal.valueOf(n), work);
      BigDecimal next = sum.add(term, work);
      if (next.compareTo(sum) == 0) {
        break;
      }
      sum = next;
    }
    for (int i = 0; i < halvings; i++) {
      sum = sum.multiply(sum, work);
    }
    return sum.round(mc);
  }

  private static boolean isSmallWholeNumber(BigDecimal x) {
    BigDecimal stripped = x.stripTrailingZeros();
    return stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(999_999_999)) <= 0;
  }

  private static void requireFinitePrecision(MathContext mc) {
    if (mc.getPrecision() == 0) {
      throw new IllegalArgumentException(
          "a finite precision is needed: logarithms and exponentials do not terminate");
    }
  }

  private static MathContext withGuardDigits(MathContext mc) {
    requireFinitePrecision(mc);
    return new MathContext(mc.getPrecision() + GUARD_DIGITS, RoundingMode.HALF_EVEN);
  }
}
