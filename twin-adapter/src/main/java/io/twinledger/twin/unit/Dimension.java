package io.twinledger.twin.unit;

/**
 * A physical dimension; conversion is possible only between units of the same dimension.
 *
 * <p>Ratios and counts share {@link #DIMENSION_ONE}, as they do in SI: percent, per mille and "one"
 * are the same dimension with different factors. Whether a percentage makes sense for an event
 * count is a question for the KPI mapping, not for unit arithmetic.
 *
 * <p>Pressure given as metres of head (the {@code P} of the UARL formula) is a {@link #LENGTH}:
 * turning it into pascals needs the fluid's density and local gravity, which a unit code does not
 * carry.
 */
public enum Dimension {
  /** Volume; canonical unit cubic metre ({@link UnitCode#MTQ}). */
  VOLUME("volume"),
  /** Volume flow rate; canonical unit cubic metre per second ({@link UnitCode#MQS}). */
  VOLUME_FLOW("volume flow rate"),
  /** Length; canonical unit metre ({@link UnitCode#MTR}). */
  LENGTH("length"),
  /** Area; canonical unit square metre ({@link UnitCode#MTK}). */
  AREA("area"),
  /** Mass; canonical unit kilogram ({@link UnitCode#KGM}). */
  MASS("mass"),
  /** Force; canonical unit newton ({@link UnitCode#NEW}). */
  FORCE("force"),
  /** Pressure; canonical unit pascal ({@link UnitCode#PAL}). */
  PRESSURE("pressure"),
  /** Thermodynamic temperature; canonical unit kelvin ({@link UnitCode#KEL}). */
  TEMPERATURE("temperature"),
  /** Energy; canonical unit joule ({@link UnitCode#JOU}). */
  ENERGY("energy"),
  /** Ratios and counts; canonical unit one ({@link UnitCode#C62}). */
  DIMENSION_ONE("dimensionless ratio or count");

  private final String label;

  Dimension(String label) {
    this.label = label;
  }

  /** The SI unit in which values of this dimension are stored. */
  public UnitCode canonicalUnit() {
    // A switch rather than a constructor argument: the two enums refer to each other, and a field
    // would be read before UnitCode is initialised.
    return switch (this) {
      case VOLUME -> UnitCode.MTQ;
      case VOLUME_FLOW -> UnitCode.MQS;
      case LENGTH -> UnitCode.MTR;
      case AREA -> UnitCode.MTK;
      case MASS -> UnitCode.KGM;
      case FORCE -> UnitCode.NEW;
      case PRESSURE -> UnitCode.PAL;
      case TEMPERATURE -> UnitCode.KEL;
      case ENERGY -> UnitCode.JOU;
      case DIMENSION_ONE -> UnitCode.C62;
    };
  }

  /** A lower-case name for messages, such as {@code volume flow rate}. */
  public String label() {
    return label;
  }
}
