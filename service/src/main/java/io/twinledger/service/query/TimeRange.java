package io.twinledger.service.query;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The half-open interval {@code [from, to)} of a query, from the optional {@code from} and {@code
 * to} request parameters as ISO-8601 instants; a missing bound is open.
 */
public record TimeRange(Instant from, Instant to) {

  private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

  /** Parses the parameters, naming the one at fault. */
  public static TimeRange parse(String from, String to) {
    Instant start = instant(from, "from", Instant.EPOCH);
    Instant end = instant(to, "to", END_OF_TIME);
    if (!end.isAfter(start)) {
      throw new InvalidFieldException("to", "must be after from");
    }
    return new TimeRange(start, end);
  }

  private static Instant instant(String value, String field, Instant otherwise) {
    if (value == null) {
      return otherwise;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          field, "must be an ISO-8601 instant such as 2026-03-01T00:00:00Z, was '" + value + "'");
    }
  }
}
