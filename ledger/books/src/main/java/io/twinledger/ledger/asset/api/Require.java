package io.twinledger.ledger.asset.api;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/** Field checks shared by the asset API's value types; each failure names the field. */
final class Require {

  private Require() {}

  static <T> T present(T value, String field) {
    if (value == null) {
      throw new InvalidFieldException(field, "is required");
    }
    return value;
  }

  /** A positive decimal without trailing zeros, so that 1.50 and 1.5 are the same value. */
  static BigDecimal positive(BigDecimal value, String field) {
    if (present(value, field).signum() <= 0) {
      throw new InvalidFieldException(field, "must be greater than zero, was " + value);
    }
    return normalised(value);
  }

  /** A decimal of zero or more without trailing zeros. */
  static BigDecimal nonNegative(BigDecimal value, String field) {
    if (present(value, field).signum() < 0) {
      throw new InvalidFieldException(field, "must not be negative, was " + value);
    }
    return normalised(value);
  }

  /** Any decimal, without trailing zeros. */
  static BigDecimal decimal(BigDecimal value, String field) {
    return normalised(present(value, field));
  }

  private static BigDecimal normalised(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  static int atLeast(Integer value, int minimum, String field) {
    if (present(value, field) < minimum) {
      throw new InvalidFieldException(field, "must be at least " + minimum + ", was " + value);
    }
    return value;
  }

  static String text(String value, int maxLength, String field) {
    if (present(value, field).isBlank()) {
      throw new InvalidFieldException(field, "must not be blank");
    }
    if (value.length() > maxLength) {
      throw new InvalidFieldException(field, "must be at most " + maxLength + " characters");
    }
    return value.strip();
  }

  static String matching(String value, Pattern pattern, String description, String field) {
    if (!pattern.matcher(present(value, field)).matches()) {
      throw new InvalidFieldException(field, "must be " + description + ", was '" + value + "'");
    }
    return value;
  }

  /**
   * An IANA region such as Europe/Amsterdam. Fixed offsets are refused: KPI periods are cut in
   * local time, and an offset would put them an hour off for half of every year with DST.
   */
  static ZoneId zone(String value, String field) {
    ZoneId zone;
    try {
      zone = ZoneId.of(present(value, field));
    } catch (DateTimeException e) {
      zone = null;
    }
    if (zone == null || zone instanceof ZoneOffset) {
      throw new InvalidFieldException(
          field, "must be an IANA time zone such as Europe/Amsterdam or UTC, was '" + value + "'");
    }
    return zone;
  }

  static long version(Long value, String field) {
    if (present(value, field) < 0) {
      throw new InvalidFieldException(field, "must not be negative, was " + value);
    }
    return value;
  }
}
