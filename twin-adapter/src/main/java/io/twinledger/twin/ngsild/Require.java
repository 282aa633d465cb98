package io.twinledger.twin.ngsild;

/** Checks shared by this package's value types. */
final class Require {

  private Require() {}

  static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }
}
