package io.twinledger.twin.period;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * One KPI period: the half-open interval {@code [start, end)} in UTC, with the kind and zone it was
 * cut in.
 */
public record PeriodWindow(PeriodKind kind, ZoneId zone, Instant start, Instant end) {

  public PeriodWindow {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(zone, "zone");
    if (!Objects.requireNonNull(end, "end").isAfter(Objects.requireNonNull(start, "start"))) {
      throw new IllegalArgumentException("end must be after start");
    }
  }

  /** True when {@code instant} lies in {@code [start, end)}. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /** The period's length; a local day may last 23 or 25 hours. */
  public Duration length() {
    return Duration.between(start, end);
  }

  /**
   * A readable local label: {@code 2026-03-29T02:00:00+02:00} for an hour, {@code 2026-03-29} for a
   * day, {@code 2026-03} for a month, {@code 2026-Q1} for a quarter.
   */
  public String label() {
    var local = start.atZone(zone);
    return switch (kind) {
      case HOUR -> local.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      case DAY -> local.toLocalDate().toString();
      case MONTH -> local.toLocalDate().toString().substring(0, 7);
      case QUARTER -> local.getYear() + "-Q" + ((local.getMonthValue() - 1) / 3 + 1);
    };
  }
}
