package io.twinledger.twin.unit;

/** A {@code unitCode} is not one of the UN/CEFACT common codes in {@link UnitCode}. */
public final class UnknownUnitCodeException extends QuantityException {

  // Codes are at most three characters; anything longer is quoted only far enough to recognise it.
  private static final int QUOTED_LENGTH = 16;

  private final String code;

  public UnknownUnitCodeException(String code) {
    super("unknown unitCode '" + printable(code) + "'");
    this.code = code;
  }

  /** The code as it was given. */
  public String code() {
    return code;
  }

  /** Keeps the reason on one line and short, whatever a device sent as its unit code. */
  private static String printable(String code) {
    StringBuilder out = new StringBuilder();
    code.codePoints()
        .limit(QUOTED_LENGTH)
        .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return code.codePointCount(0, code.length()) > QUOTED_LENGTH ? out + "…" : out.toString();
  }
}
