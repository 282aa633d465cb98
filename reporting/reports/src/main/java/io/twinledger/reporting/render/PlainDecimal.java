package io.twinledger.reporting.render;

import java.util.regex.Pattern;

/**
 * Whether a figure's value is a number: a plain decimal as figures write one, an optional minus,
 * digits, and an optional fraction ({@code 31}, {@code -12.5}, {@code 4000.00}); no plus sign,
 * exponent or grouping. Other values are words, such as a tier or {@code met}.
 */
final class PlainDecimal {

  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  private PlainDecimal() {}

  static boolean is(String text) {
    return DECIMAL.matcher(text).matches();
  }
}
