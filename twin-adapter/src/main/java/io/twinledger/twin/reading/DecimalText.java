package io.twinledger.twin.reading;

import java.math.BigDecimal;

/**
 * The one place where a reading's value from outside (a bulk file, an MQTT payload, an NGSI-LD
 * notification) becomes a {@link BigDecimal}, with bounded work: text longer than {@value
 * #MAX_LENGTH} characters is refused before it is parsed, and so is a number that written out in
 * full, without exponent, would be longer ({@code 1e999999999} is short, but every later step that
 * prints or stores it would not be).
 *
 * <p>{@code new BigDecimal(String)} is quadratic in the number of digits: a value of a few million
 * digits kept a core busy for minutes. No sensor needs more than a few dozen characters.
 */
public final class DecimalText {

  /** Longest value accepted, in characters, both as sent and written out in full. */
  public static final int MAX_LENGTH = 64;

  private DecimalText() {}

  /**
   * The number {@code text} denotes.
   *
   * @throws NumberFormatException with a reason such as "has more than 64 characters", to be
   *     prefixed with the field's name, if the text is too long, not a decimal number, or too long
   *     written out in full
   */
  public static BigDecimal parse(CharSequence text) {
    if (text.length() > MAX_LENGTH) {
      throw tooLong();
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text.toString());
    } catch (NumberFormatException e) {
      throw new NumberFormatException("is not a decimal number");
    }
    return check(value);
  }

  /**
   * {@code value}, if it is short enough written out in full; for numbers a JSON parser has already
   * read (Jackson caps number tokens at 1,000 characters, so that read was bounded too).
   *
   * @throws NumberFormatException with the reason, as {@link #parse}
   */
  public static BigDecimal check(BigDecimal value) {
    // Bounded: a parsed value has at most 1,000 digits.
    if (value.toString().length() > MAX_LENGTH) {
      throw tooLong();
    }
    if (plainLength(value) > MAX_LENGTH) {
      throw new NumberFormatException(
          "has more than " + MAX_LENGTH + " characters written out in full");
    }
    return value;
  }

  /**
   * {@code value} without trailing zeros and never with a negative scale, so that equal quantities
   * are equal values ({@code 1.50} and {@code 1.5}, {@code 250000} and {@code 250000.0}) and print
   * the same with {@link BigDecimal#toPlainString()}.
   */
  public static BigDecimal normalised(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static NumberFormatException tooLong() {
    return new NumberFormatException("has more than " + MAX_LENGTH + " characters");
  }

  /** The length of {@link BigDecimal#toPlainString()}, computed without building it. */
  static long plainLength(BigDecimal value) {
    long sign = value.signum() < 0 ? 1 : 0;
    if (value.signum() == 0) {
      return Math.max(value.scale(), 0) + (value.scale() > 0 ? 2 : 1);
    }
    long precision = value.precision();
    long scale = value.scale();
    if (scale <= 0) {
      return sign + precision - scale;
    }
    return sign + (precision > scale ? precision + 1 : scale + 2);
  }
}
