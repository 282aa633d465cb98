package io.twinledger.twin.unit;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A value is too large, too small or too precise to be a measurement; see {@link Quantity} for the
 * limits.
 */
public final class QuantityOutOfRangeException extends QuantityException {

  private static final int SHOWN_DIGITS = 20;

  private final BigDecimal value;

  public QuantityOutOfRangeException(BigDecimal value) {
    super(
        "value "
            + shown(value)
            + " is out of range: a quantity has at most "
            + Quantity.MAX_SIGNIFICANT_DIGITS
            + " significant digits and a magnitude between 1E-"
            + Quantity.MAX_EXPONENT
            + " and 1E+"
            + Quantity.MAX_EXPONENT);
    this.value = value;
  }

  /** Long values are cut so that the reason stays readable; the exception keeps the whole value. */
  private static String shown(BigDecimal value) {
    int precision = value.precision();
    if (precision <= SHOWN_DIGITS) {
      return value.toString();
    }
    return value.round(new MathContext(SHOWN_DIGITS)) + "… (" + precision + " significant digits)";
  }

  /** The rejected value. */
  public BigDecimal value() {
    return value;
  }
}
