package io.twinledger.twin.unit;

import io.twinledger.twin.reading.DecimalText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * A measured value with its unit.
 *
 * <p>Values are limited to {@value #MAX_SIGNIFICANT_DIGITS} significant digits and, unless zero, to
 * magnitudes from 1E-{@value #MAX_EXPONENT} to 1E+{@value #MAX_EXPONENT}. No sensor comes near
 * either bound; the limits exist because a JSON number such as {@code 1e999999999} is valid, fits
 * in a {@link BigDecimal} and would take gigabytes once written out in plain digits.
 *
 * @param value the value as received; its scale is kept
 * @param unit the unit of {@code value}
 */
public record Quantity(BigDecimal value, UnitCode unit) {

  /** Most significant digits a value may have, trailing zeros not counted. */
  public static final int MAX_SIGNIFICANT_DIGITS = 100;

  /** Largest absolute power of ten of a value's leading digit. */
  public static final int MAX_EXPONENT = 100;

  /**
   * Precision of the single rounding a conversion may need: 34 significant digits, far beyond any
   * instrument, with half-even rounding so that repeated conversions carry no bias.
   */
  private static final MathContext ROUNDING = MathContext.DECIMAL128;

  /**
   * @throws QuantityOutOfRangeException if the value exceeds the limits above
   */
  public Quantity {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    if (value.signum() != 0) {
      // Stripping trailing zeros lowers precision and scale alike, so the leading exponent can be
      // read from the value as received; only a long value needs stripping to count its digits.
      long leadingExponent = (long) value.precision() - value.scale() - 1;
      if (Math.abs(leadingExponent) > MAX_EXPONENT
          || value.precision() > MAX_SIGNIFICANT_DIGITS
              && value.stripTrailingZeros().precision() > MAX_SIGNIFICANT_DIGITS) {
        throw new QuantityOutOfRangeException(value);
      }
    }
  }

  /**
   * A quantity from a value and a UN/CEFACT common code.
   *
   * @throws UnknownUnitCodeException if the code is not one TwinLedger knows
   * @throws QuantityOutOfRangeException if the value exceeds the limits
   */
  public static Quantity of(BigDecimal value, String unitCode) {
    return new Quantity(value, UnitCode.parse(unitCode));
  }

  /** This quantity in the canonical SI unit of its dimension. */
  public NormalisedValue toCanonical() {
    return convertTo(unit.dimension().canonicalUnit());
  }

  /**
   * This quantity in another unit of the same dimension, such as a KPI kept in millimetres.
   *
   * @throws IncompatibleUnitsException if {@code target} measures another dimension
   */
  public NormalisedValue convertTo(UnitCode target) {
    Objects.requireNonNull(target, "target");
    if (target.dimension() != unit.dimension()) {
      throw new IncompatibleUnitsException(unit, target);
    }
    // target = (value × n₁/d₁ + o₁ − o₂) × d₂/n₂, brought onto one fraction so that at most the
    // final division can be inexact.
    // A zero may arrive as 0E+400; its scale says nothing and would only make the arithmetic slow.
    BigDecimal received = value.signum() == 0 ? BigDecimal.ZERO : value;
    BigDecimal numerator =
        received
            .multiply(unit.numerator())
            .add(unit.offset().subtract(target.offset()).multiply(unit.denominator()))
            .multiply(target.denominator());
    BigDecimal denominator = unit.denominator().multiply(target.numerator());
    BigDecimal converted;
    boolean exact;
    try {
      converted = numerator.divide(denominator);
      exact = true;
    } catch (ArithmeticException nonTerminating) {
      // BigDecimal signals a quotient without a finite decimal expansion this way; only then round.
      converted = numerator.divide(denominator, ROUNDING);
      exact = false;
    }
    return new NormalisedValue(DecimalText.normalised(converted), target, value, unit, exact);
  }
}
