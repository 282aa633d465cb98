package io.twinledger.contracts.token;

/**
 * The checks of the text arguments both contracts of the {@code twinledger-bonds} chaincode take.
 * Numbers come as decimal text and are checked here, so that a bad value is refused naming the
 * argument rather than failing conversion in the contract runtime. Each contract turns the {@link
 * IllegalArgumentException} into its own {@code INVALID_ARGUMENT}.
 */
public final class Arguments {

  private Arguments() {}

  /**
   * {@code id} if it may be a token, bond, holder, issuance, payment or determination id ({@link
   * TokenKeys#isId}).
   *
   * @throws IllegalArgumentException naming {@code name}
   */
  public static String id(String name, String id) {
    if (!TokenKeys.isId(id)) {
      throw new IllegalArgumentException(
          name + ": 1 to 128 characters from A-Z, a-z, 0-9 and . _ : @ + -, not " + id);
    }
    return id;
  }

  /**
   * {@code currency} if it has the form of an ISO 4217 code.
   *
   * @throws IllegalArgumentException naming the argument
   */
  public static String currency(String currency) {
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException(
          "currency: an ISO 4217 code of three capital letters, not " + currency);
    }
    return currency;
  }

  /**
   * {@code decimal} as a whole number: token units, or an amount in whole minor units.
   *
   * @param zeroAllowed whether 0 is valid here; negative numbers never are
   * @throws IllegalArgumentException naming {@code name}
   */
  public static long whole(String name, String decimal, boolean zeroAllowed) {
    if (decimal == null || !decimal.matches("[0-9]{1,19}")) {
      throw new IllegalArgumentException(
          name + ": a whole number in decimal digits, not " + decimal);
    }
    long value;
    try {
      value = Long.parseLong(decimal);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": " + decimal + " is too large");
    }
    if (value == 0 && !zeroAllowed) {
      throw new IllegalArgumentException(name + ": must be positive, not 0");
    }
    return value;
  }

  /**
   * {@code a + b}.
   *
   * @throws IllegalArgumentException naming {@code what} if the sum does not fit a {@code long}
   */
  public static long sum(String what, long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(what + ": more than a long holds");
    }
  }
}
