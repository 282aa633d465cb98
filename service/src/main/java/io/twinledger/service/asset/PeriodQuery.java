package io.twinledger.service.asset;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * The query parameters of the KPI period list, checked. Without bounds it covers all time.
 *
 * @param all every revision rather than only the latest of each period
 */
record PeriodQuery(Optional<String> kind, Instant from, Instant to, boolean all) {

  private static final Set<String> KINDS = Set.of("HOUR", "DAY", "MONTH", "QUARTER");

  static PeriodQuery parse(String kind, String from, String to, String revisions) {
    if (kind != null && !KINDS.contains(kind)) {
      throw new InvalidFieldException("kind", "must be one of HOUR, DAY, MONTH, QUARTER");
    }
    if (!revisions.equals("latest") && !revisions.equals("all")) {
      throw new InvalidFieldException("revisions", "must be 'latest' or 'all'");
    }
    Instant start = instant(from, "from", Instant.EPOCH);
    Instant end = instant(to, "to", Instant.parse("9999-12-31T00:00:00Z"));
    if (!end.isAfter(start)) {
      throw new InvalidFieldException("to", "must be after from");
    }
    return new PeriodQuery(Optional.ofNullable(kind), start, end, revisions.equals("all"));
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
