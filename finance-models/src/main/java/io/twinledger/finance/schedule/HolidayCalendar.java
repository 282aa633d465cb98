package io.twinledger.finance.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which days are business days: every day that is neither a weekend day nor a listed holiday.
 *
 * @param weekendDays the days of the week that are never business days
 * @param holidays further dates that are not business days
 */
public record HolidayCalendar(Set<DayOfWeek> weekendDays, Set<LocalDate> holidays) {

  private static final Set<DayOfWeek> SATURDAY_SUNDAY =
      Set.copyOf(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));

  public HolidayCalendar {
    weekendDays = Set.copyOf(Objects.requireNonNull(weekendDays, "weekendDays"));
    holidays = Set.copyOf(Objects.requireNonNull(holidays, "holidays"));
    if (weekendDays.size() == DayOfWeek.values().length) {
      throw new IllegalArgumentException("a calendar needs at least one business day a week");
    }
  }

  /** Saturdays and Sundays are holidays, nothing else. */
  public static HolidayCalendar weekendsOnly() {
    return new HolidayCalendar(SATURDAY_SUNDAY, Set.of());
  }

  /** Saturdays, Sundays and the given dates are holidays. */
  public static HolidayCalendar weekendsAnd(Collection<LocalDate> holidays) {
    return new HolidayCalendar(SATURDAY_SUNDAY, Set.copyOf(holidays));
  }

  /**
   * The calendar of days that are business days in both calendars (e.g. a payment needing two
   * financial centres open): weekend days and holidays are combined.
   */
  public HolidayCalendar combinedWith(HolidayCalendar other) {
    Set<DayOfWeek> weekends = EnumSet.noneOf(DayOfWeek.class);
    weekends.addAll(weekendDays);
    weekends.addAll(other.weekendDays);
    Set<LocalDate> dates = new HashSet<>(holidays);
    dates.addAll(other.holidays);
    return new HolidayCalendar(weekends, dates);
  }

  /** Whether the date is a business day. */
  public boolean isBusinessDay(LocalDate date) {
    return !weekendDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
  }

  /** The first business day on or after the date. */
  public LocalDate nextOrSame(LocalDate date) {
    LocalDate day = date;
    while (!isBusinessDay(day)) {
      day = day.plusDays(1);
    }
    return day;
  }

  /** The last business day on or before the date. */
  public LocalDate previousOrSame(LocalDate date) {
    LocalDate day = date;
    while (!isBusinessDay(day)) {
      day = day.minusDays(1);
    }
    return day;
  }
}
