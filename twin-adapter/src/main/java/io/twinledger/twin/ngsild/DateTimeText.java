package io.twinledger.twin.ngsild;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * NGSI-LD DateTime text. An offset ({@code Z} or {@code +01:00}) is required: a local time would
 * leave the instant, and so the KPI period a reading falls in, to guesswork.
 */
final class DateTimeText {

  private DateTimeText() {}

  static Optional<Instant> parse(String text) {
    try {
      return Optional.of(
          OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException notADateTime) {
      return Optional.empty();
    }
  }

  static String problem(String text) {
    return "is not an ISO 8601 date-time with offset: " + QuotedText.of(text);
  }
}
