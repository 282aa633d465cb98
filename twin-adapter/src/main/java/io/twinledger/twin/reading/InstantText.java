package io.twinledger.twin.reading;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.format.DateTimeParseException;

/**
 * Instants as ISO-8601 text, exactly as {@link Instant#parse} reads them and {@link
 * Instant#toString} writes them, but fast for the form sensors and files almost always use: {@code
 * 2026-03-01T06:15:00Z}, optionally with one to nine fraction digits, years 0000 to 9999. Anything
 * else (offsets, leap seconds, {@code 24:00}, lower case, other years, errors) is handed to the
 * JDK, so the result, or the exception, is always the JDK's. The JDK's general formatter costs
 * about a microsecond per instant, which on a bulk import is a large share of all per-row work.
 */
public final class InstantText {

  private static final int DATE_TIME_LENGTH = "2026-03-01T06:15:00".length();

  /** The epoch seconds of 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z. */
  private static final long YEAR_0000 = -62_167_219_200L;

  private static final long YEAR_10000 = 253_402_300_800L;

  private InstantText() {}

  /**
   * The instant {@code text} denotes.
   *
   * @throws DateTimeParseException if {@link Instant#parse} would
   */
  public static Instant parse(CharSequence text) {
    Instant fast = parseCommonForm(text);
    return fast != null ? fast : Instant.parse(text);
  }

  /** The instant in {@link Instant#toString()} form. */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < YEAR_0000 || seconds >= YEAR_10000) {
      return instant.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    int nano = instant.getNano();
    int fractionDigits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
    byte[] text = new byte[DATE_TIME_LENGTH + (fractionDigits == 0 ? 0 : 1 + fractionDigits) + 1];
    digits(text, 0, date.getYear(), 4);
    text[4] = '-';
    digits(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, date.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, secondOfDay / 3600, 2);
    text[13] = ':';
    digits(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    digits(text, 17, secondOfDay % 60, 2);
    if (fractionDigits > 0) {
      text[DATE_TIME_LENGTH] = '.';
      int fraction =
          fractionDigits == 3 ? nano / 1_000_000 : fractionDigits == 6 ? nano / 1_000 : nano;
      digits(text, DATE_TIME_LENGTH + 1, fraction, fractionDigits);
    }
    text[text.length - 1] = 'Z';
    return new String(text, StandardCharsets.US_ASCII);
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with valid fields, or null for anything else. */
  private static Instant parseCommonForm(CharSequence text) {
    int length = text.length();
    if (length < DATE_TIME_LENGTH + 1
        || length == DATE_TIME_LENGTH + 2
        || length > DATE_TIME_LENGTH + 11
        || text.charAt(length - 1) != 'Z'
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > lengthOfMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int nano = 0;
    if (length > DATE_TIME_LENGTH + 1) {
      if (text.charAt(DATE_TIME_LENGTH) != '.') {
        return null;
      }
      int fractionDigits = length - DATE_TIME_LENGTH - 2;
      int fraction = number(text, DATE_TIME_LENGTH + 1, fractionDigits);
      if (fraction < 0) {
        return null;
      }
      nano = fraction;
      for (int i = fractionDigits; i < 9; i++) {
        nano *= 10;
      }
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second, nano);
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> Year.isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** The decimal number in {@code count} ASCII digits from {@code from}, or -1 if one is not. */
  private static int number(CharSequence text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  private static void digits(byte[] into, int at, int value, int count) {
    for (int i = at + count - 1; i >= at; i--) {
      into[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
