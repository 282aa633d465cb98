package io.twinledger.finance.model.unit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A unit of measure: a product of powers of base dimensions and a scale factor.
 *
 * <p>Base dimensions are length {@code m}, mass {@code kg}, time {@code h} (the hour, so that every
 * supported time unit has an exact decimal factor) and one dimension per ISO 4217 currency, named
 * by its code. The factor converts a value in this unit to the coherent unit of its dimensions:
 * {@code MMT} (millimetre) is {@code 0.001 m}, {@code MQH} is {@code 1 m^3/h}, {@code DAY} is
 * {@code 24 h}.
 *
 * <p>Dimensionless units: {@code 1} and {@code C62} (a count or an index, UN/CEFACT "one") have
 * factor 1; {@code P1} (percent) is dimensionless with factor 0.01 and {@code NX} (per mille, as
 * m/km for road roughness) with factor 0.001. So {@code P1 * MTQ} is a volume scaled by 0.01: 12.5
 * % of 1000 m³ is 125 m³.
 *
 * @param exponents non-zero exponent per base dimension
 * @param factor positive value of one of this unit in the coherent unit
 */
public record Unit(SortedMap<String, Integer> exponents, BigDecimal factor) {

  /** The pure number 1. */
  public static final Unit ONE = new Unit(new TreeMap<>(), BigDecimal.ONE);

  private static final Map<String, Unit> CODES = codes();

  public Unit {
    TreeMap<String, Integer> copy = new TreeMap<>();
    exponents.forEach(
        (dimension, exponent) -> {
          if (exponent != 0) {
            copy.put(dimension, exponent);
          }
        });
    exponents = Collections.unmodifiableSortedMap(copy);
    Objects.requireNonNull(factor, "factor");
    if (factor.signum() <= 0) {
      throw new IllegalArgumentException("a unit factor must be positive, was " + factor);
    }
    factor = factor.stripTrailingZeros();
  }

  /** The unit of amounts in a currency. */
  public static Unit currency(Currency currency) {
    return base(currency.getCurrencyCode());
  }

  /**
   * Parses a unit expression: UN/CEFACT common codes and ISO 4217 currency codes joined by {@code
   * *} or {@code /} (left to right), each optionally raised to a whole power with {@code ^}, or
   * {@code 1}. Examples: {@code EUR/MTQ}, {@code MTQ/HUR}, {@code EUR/C62}, {@code MTR^2}.
   *
   * <p>Supported codes: {@code C62 P1 NX} (dimensionless), {@code MTR KMT MMT CMT} (length), {@code
   * MTK} (m²), {@code MTQ LTR} (volume), {@code MQH MQS} (flow), {@code HUR DAY} (time), {@code KGM
   * TNE} (mass), {@code NEW B47} (force).
   *
   * @throws IllegalArgumentException naming the part that is not understood
   */
  public static Unit parse(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("a unit must not be empty; write 1 for a pure number");
    }
    Unit result = ONE;
    boolean divide = false;
    int start = 0;
    for (int i = 0; i <= trimmed.length(); i++) {
      if (i == trimmed.length() || trimmed.charAt(i) == '*' || trimmed.charAt(i) == '/') {
        Unit term = term(trimmed.substring(start, i).strip(), trimmed);
        result = divide ? result.divide(term) : result.times(term);
        if (i < trimmed.length()) {
          divide = trimmed.charAt(i) == '/';
        }
        start = i + 1;
      }
    }
    return result;
  }

  private static Unit term(String term, String whole) {
    if (term.isEmpty()) {
      throw new IllegalArgumentException("'" + whole + "' has an empty part");
    }
    int caret = term.indexOf('^');
    String code = caret < 0 ? term : term.substring(0, caret).strip();
    int power = 1;
    if (caret >= 0) {
      try {
        power = Integer.parseInt(term.substring(caret + 1).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "'" + term + "' in '" + whole + "' needs a whole power after ^");
      }
    }
    return code(code)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'"
                        + code
                        + "' in '"
                        + whole
                        + "' is neither a supported UN/CEFACT unit code ("
                        + String.join(" ", CODES.keySet())
                        + ") nor an ISO 4217 currency"))
        .power(power);
  }

  private static Optional<Unit> code(String code) {
    if (CODES.containsKey(code)) {
      return Optional.of(CODES.get(code));
    }
    if (code.matches("[A-Z]{3}")) {
      try {
        return Optional.of(currency(Currency.getInstance(code)));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The product of two units: exponents add, factors multiply. */
  public Unit times(Unit other) {
    TreeMap<String, Integer> sum = new TreeMap<>(exponents);
    other.exponents.forEach((d, e) -> sum.merge(d, e, Integer::sum));
    return new Unit(sum, factor.multiply(other.factor));
  }

  /** The quotient of two units. */
  public Unit divide(Unit other) {
    TreeMap<String, Integer> difference = new TreeMap<>(exponents);
    other.exponents.forEach((d, e) -> difference.merge(d, -e, Integer::sum));
    return new Unit(difference, factor.divide(other.factor, MathContext.DECIMAL128));
  }

  /** This unit raised to a whole power. */
  public Unit power(int power) {
    TreeMap<String, Integer> scaled = new TreeMap<>();
    exponents.forEach((d, e) -> scaled.put(d, e * power));
    BigDecimal scale =
        power >= 0
            ? factor.pow(power)
            : BigDecimal.ONE.divide(factor.pow(-power), MathContext.DECIMAL128);
    return new Unit(scaled, scale);
  }

  /** Whether both units measure the same dimensions, whatever their scale. */
  public boolean sameDimension(Unit other) {
    return exponents.equals(other.exponents);
  }

  /** Whether the unit has no dimension (it may still have a scale, as percent does). */
  public boolean dimensionless() {
    return exponents.isEmpty();
  }

  /**
   * The unit as a UN/CEFACT or currency code when one matches exactly, otherwise in base dimensions
   * with its factor, e.g. {@code EUR/m^3} or {@code 0.01·m^3}.
   */
  @Override
  public String toString() {
    for (Map.Entry<String, Unit> entry : CODES.entrySet()) {
      if (entry.getValue().equals(this)) {
        return entry.getKey();
      }
    }
    String numerator =
        exponents.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .map(e -> e.getKey() + (e.getValue() == 1 ? "" : "^" + e.getValue()))
            .collect(Collectors.joining("·"));
    String denominator =
        exponents.entrySet().stream()
            .filter(e -> e.getValue() < 0)
            .map(e -> e.getKey() + (e.getValue() == -1 ? "" : "^" + -e.getValue()))
            .collect(Collectors.joining("·"));
    String scale = factor.compareTo(BigDecimal.ONE) == 0 ? "" : factor.toPlainString();
    String body = numerator.isEmpty() ? (scale.isEmpty() ? "1" : scale) : join(scale, numerator);
    return denominator.isEmpty() ? body : body + "/" + denominator;
  }

  private static String join(String scale, String numerator) {
    return scale.isEmpty() ? numerator : scale + "·" + numerator;
  }

  private static Unit base(String dimension) {
    return new Unit(new TreeMap<>(Map.of(dimension, 1)), BigDecimal.ONE);
  }

  private static Unit scaled(String factor, Unit unit) {
    return new Unit(unit.exponents, new BigDecimal(factor).multiply(unit.factor));
  }

  private static Map<String, Unit> codes() {
    Unit metre = base("m");
    Unit hour = base("h");
    Unit kilogram = base("kg");
    Unit cubicMetre = metre.power(3);
    // 1 N = 1 kg·m/s² and 1 s = 1/3600 h, so 1 N = 3600² kg·m/h².
    Unit newton = scaled("12960000", kilogram.times(metre).divide(hour.power(2)));
    Map<String, Unit> codes = new LinkedHashMap<>();
    codes.put("1", ONE);
    codes.put("C62", ONE);
    codes.put("P1", scaled("0.01", ONE));
    codes.put("NX", scaled("0.001", ONE));
    codes.put("MTR", metre);
    codes.put("KMT", scaled("1000", metre));
    codes.put("CMT", scaled("0.01", metre));
    codes.put("MMT", scaled("0.001", metre));
    codes.put("MTK", metre.power(2));
    codes.put("MTQ", cubicMetre);
    codes.put("LTR", scaled("0.001", cubicMetre));
    codes.put("HUR", hour);
    codes.put("DAY", scaled("24", hour));
    codes.put("MQH", cubicMetre.divide(hour));
    codes.put("MQS", scaled("3600", cubicMetre.divide(hour)));
    codes.put("KGM", kilogram);
    codes.put("TNE", scaled("1000", kilogram));
    codes.put("NEW", newton);
    codes.put("B47", scaled("1000", newton));
    return codes;
  }
}
