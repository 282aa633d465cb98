package io.twinledger.contracts.bond;

/** Amounts in whole minor units, passed as decimal text (never a binary fraction). */
final class Minor {

  private Minor() {}

  /**
   * {@code decimal} as minor units.
   *
   * @param zeroAllowed whether 0 is a valid amount here
   * @throws IllegalArgumentException naming {@code path}
   */
  static long parse(String path, String decimal, boolean zeroAllowed) {
    if (decimal == null || !decimal.matches("[0-9]{1,19}")) {
      throw new IllegalArgumentException(
          path + ": whole minor units as a decimal string, not " + decimal);
    }
    long value;
    try {
      value = Long.parseLong(decimal);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(path + ": " + decimal + " is too large");
    }
    if (value == 0 && !zeroAllowed) {
      throw new IllegalArgumentException(path + ": must be positive, not 0");
    }
    return value;
  }
}
