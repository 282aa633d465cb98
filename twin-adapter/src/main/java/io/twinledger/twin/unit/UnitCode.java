package io.twinledger.twin.unit;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The UN/CEFACT common codes (Recommendation 20) TwinLedger understands; each constant's name is
 * its code, exactly as NGSI-LD {@code unitCode} carries it (upper case, no spaces).
 *
 * <p>Each unit is defined by an exact affine map to the canonical unit of its dimension: {@code
 * canonical = value × numerator / denominator + offset}. The factor is a fraction so that units
 * such as litres per hour (1/3,600,000 m³/s) stay exact; only degrees Celsius have an offset.
 *
 * <p>IRI in metres per kilometre is a slope and uses {@link #NX} (part per thousand, ‰). Inches per
 * mile have no common code and are not accepted.
 */
public enum UnitCode {
  /** Cubic metre, m³: canonical volume. */
  MTQ(Dimension.VOLUME, "cubic metre", "m³", "1", "1", "0"),
  /** Litre, l = 0.001 m³. */
  LTR(Dimension.VOLUME, "litre", "l", "0.001", "1", "0"),
  /** US gallon = 3.785411784 l exactly (the unit of several US stormwater bonds). */
  GLL(Dimension.VOLUME, "gallon (US)", "gal (US)", "0.003785411784", "1", "0"),

  /** Cubic metre per second, m³/s: canonical volume flow rate. */
  MQS(Dimension.VOLUME_FLOW, "cubic metre per second", "m³/s", "1", "1", "0"),
  /** Cubic metre per hour, m³/h = 1/3600 m³/s. */
  MQH(Dimension.VOLUME_FLOW, "cubic metre per hour", "m³/h", "1", "3600", "0"),
  /** Litre per minute, l/min = 0.001/60 m³/s. */
  L2(Dimension.VOLUME_FLOW, "litre per minute", "l/min", "0.001", "60", "0"),
  /** Litre per hour, l/h = 0.001/3600 m³/s (Smart Data Models {@code minFlow}/{@code maxFlow}). */
  E32(Dimension.VOLUME_FLOW, "litre per hour", "l/h", "0.001", "3600", "0"),

  /** Metre, m: canonical length; also pressure head. */
  MTR(Dimension.LENGTH, "metre", "m", "1", "1", "0"),
  /** Kilometre, km = 1000 m. */
  KMT(Dimension.LENGTH, "kilometre", "km", "1000", "1", "0"),
  /** Centimetre, cm = 0.01 m. */
  CMT(Dimension.LENGTH, "centimetre", "cm", "0.01", "1", "0"),
  /** Millimetre, mm = 0.001 m (rainfall depth, rut depth). */
  MMT(Dimension.LENGTH, "millimetre", "mm", "0.001", "1", "0"),
  /** International inch, in = 0.0254 m exactly. */
  INH(Dimension.LENGTH, "inch", "in", "0.0254", "1", "0"),
  /** International foot, ft = 0.3048 m exactly. */
  FOT(Dimension.LENGTH, "foot", "ft", "0.3048", "1", "0"),

  /** Square metre, m²: canonical area. */
  MTK(Dimension.AREA, "square metre", "m²", "1", "1", "0"),
  /** Hectare, ha = 10,000 m². */
  HAR(Dimension.AREA, "hectare", "ha", "10000", "1", "0"),
  /**
   * International acre = 4046.8564224 m² exactly (66 × 660 international feet). Recommendation 20
   * rounds it to 4046.873, which is the US survey acre; the international acre is the one used in
   * the impervious-acre figures of stormwater contracts.
   */
  ACR(Dimension.AREA, "acre", "acre", "4046.8564224", "1", "0"),

  /** Kilogram, kg: canonical mass. */
  KGM(Dimension.MASS, "kilogram", "kg", "1", "1", "0"),
  /** Tonne (metric ton), t = 1000 kg. */
  TNE(Dimension.MASS, "tonne", "t", "1000", "1", "0"),

  /** Newton, N: canonical force. */
  NEW(Dimension.FORCE, "newton", "N", "1", "1", "0"),
  /** Kilonewton, kN = 1000 N (axle loads; the ESAL standard axle is 80 kN). */
  B47(Dimension.FORCE, "kilonewton", "kN", "1000", "1", "0"),

  /** Pascal, Pa: canonical pressure. */
  PAL(Dimension.PRESSURE, "pascal", "Pa", "1", "1", "0"),
  /** Kilopascal, kPa = 1000 Pa. */
  KPA(Dimension.PRESSURE, "kilopascal", "kPa", "1000", "1", "0"),
  /** Bar = 100,000 Pa. */
  BAR(Dimension.PRESSURE, "bar", "bar", "100000", "1", "0"),

  /** Kelvin, K: canonical temperature. */
  KEL(Dimension.TEMPERATURE, "kelvin", "K", "1", "1", "0"),
  /** Degree Celsius: K = °C + 273.15. Converts readings (points), not temperature differences. */
  CEL(Dimension.TEMPERATURE, "degree Celsius", "°C", "1", "1", "273.15"),

  /** Joule, J: canonical energy. */
  JOU(Dimension.ENERGY, "joule", "J", "1", "1", "0"),
  /** Watt hour, Wh = 3,600 J. */
  WHR(Dimension.ENERGY, "watt hour", "Wh", "3600", "1", "0"),
  /** Kilowatt hour, kWh = 3,600,000 J (household import and export registers). */
  KWH(Dimension.ENERGY, "kilowatt hour", "kWh", "3600000", "1", "0"),
  /** Megawatt hour, MWh = 3,600,000,000 J. */
  MWH(Dimension.ENERGY, "megawatt hour", "MWh", "3600000000", "1", "0"),

  /** One: canonical for ratios and counts (ILI, event counts, ESAL, PCI). */
  C62(Dimension.DIMENSION_ONE, "one", "1", "1", "1", "0"),
  /** Percent, % = 0.01. */
  P1(Dimension.DIMENSION_ONE, "percent", "%", "0.01", "1", "0"),
  /** Part per thousand, ‰ = 0.001; IRI in m/km is a slope in this unit. */
  NX(Dimension.DIMENSION_ONE, "part per thousand", "‰", "0.001", "1", "0");

  private static final Map<String, UnitCode> BY_CODE =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

  private final Dimension dimension;
  private final String displayName;
  private final String symbol;
  private final BigDecimal numerator;
  private final BigDecimal denominator;
  private final BigDecimal offset;

  UnitCode(
      Dimension dimension,
      String displayName,
      String symbol,
      String numerator,
      String denominator,
      String offset) {
    this.dimension = dimension;
    this.displayName = displayName;
    this.symbol = symbol;
    this.numerator = new BigDecimal(numerator);
    this.denominator = new BigDecimal(denominator);
    this.offset = new BigDecimal(offset);
  }

  /**
   * The unit with this common code. Codes are case-sensitive, as in Recommendation 20: {@code mtq}
   * is not {@code MTQ}, and accepting it would let a misspelt code pass as evidence.
   *
   * @throws UnknownUnitCodeException if TwinLedger does not know the code
   */
  public static UnitCode parse(String code) {
    UnitCode unit = BY_CODE.get(Objects.requireNonNull(code, "code"));
    if (unit == null) {
      throw new UnknownUnitCodeException(code);
    }
    return unit;
  }

  /** The dimension this unit measures. */
  public Dimension dimension() {
    return dimension;
  }

  /** The Recommendation 20 name, such as {@code litre per hour}. */
  public String displayName() {
    return displayName;
  }

  /** The usual symbol, such as {@code l/h}. */
  public String symbol() {
    return symbol;
  }

  /** Whether this is the canonical SI unit of its dimension. */
  public boolean isCanonical() {
    return dimension.canonicalUnit() == this;
  }

  BigDecimal numerator() {
    return numerator;
  }

  BigDecimal denominator() {
    return denominator;
  }

  BigDecimal offset() {
    return offset;
  }
}
