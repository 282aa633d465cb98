package io.twinledger.twin.period;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The lengths of KPI periods. Periods are cut in the asset's local time, so a day is the span from
 * local midnight to the next local midnight, 23 or 25 hours long on daylight-saving changes, and
 * months and quarters follow the local calendar.
 */
public enum PeriodKind {
  HOUR,
  DAY,
  MONTH,
  QUARTER;

  /** The period of this kind that contains {@code instant}, cut in {@code zone}. */
  public PeriodWindow containing(Instant instant, ZoneId zone) {
    ZonedDateTime local = instant.atZone(zone);
    ZonedDateTime start =
        switch (this) {
          case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
          case DAY -> local.toLocalDate().atStartOfDay(zone);
          case MONTH -> local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
          case QUARTER ->
              local
                  .toLocalDate()
                  .withDayOfMonth(1)
                  .withMonth(((local.getMonthValue() - 1) / 3) * 3 + 1)
                  .atStartOfDay(zone);
        };
    ZonedDateTime end =
        switch (this) {
          case HOUR -> start.plusHours(1);
          case DAY -> start.toLocalDate().plusDays(1).atStartOfDay(zone);
          case MONTH -> start.toLocalDate().plusMonths(1).atStartOfDay(zone);
          case QUARTER -> start.toLocalDate().plusMonths(3).atStartOfDay(zone);
        };
    return new PeriodWindow(this, zone, start.toInstant(), end.toInstant());
  }
}
