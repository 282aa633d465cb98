package io.twinledger.finance.schedule;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The periods of a regular payment or coupon schedule.
 *
 * <p>Generation:
 *
 * <ul>
 *   <li>Dates step by {@code frequency.months()} from an anchor: the end date for {@link
 *       StubConvention#SHORT_FRONT} (the default), the start date for {@link
 *       StubConvention#SHORT_BACK}. Each date is computed from the anchor ({@code anchor ∓ k ×
 *       months}), so a 31st clipped to the 30th in one month does not drift in the next.
 *   <li>If the dates do not divide evenly, the one short period (stub) is at the front or the back
 *       accordingly. A stub is never merged into a long period.
 *   <li>End-of-month rule: if {@code endOfMonth} is set and the anchor is the last day of its
 *       month, every generated date is the last day of its month (2025-02-28 → 2024-11-30, not
 *       2024-11-28).
 *   <li>All dates, the first start and last end included, are then moved by the business day
 *       convention; the unadjusted dates are kept alongside.
 * </ul>
 *
 * @param periods the periods in date order
 */
public record Schedule(List<SchedulePeriod> periods) {

  public Schedule {
    periods = List.copyOf(periods);
  }

  /**
   * A schedule with a short front stub, no end-of-month rule and unadjusted dates.
   *
   * @see #of(LocalDate, LocalDate, Frequency, StubConvention, boolean, BusinessDayConvention,
   *     HolidayCalendar)
   */
  public static Schedule of(LocalDate start, LocalDate end, Frequency frequency) {
    return of(
        start,
        end,
        frequency,
        StubConvention.SHORT_FRONT,
        false,
        BusinessDayConvention.UNADJUSTED,
        HolidayCalendar.weekendsOnly());
  }

  /**
   * Generates a schedule as described in the class comment.
   *
   * @throws IllegalArgumentException if {@code end} is not after {@code start}
   */
  public static Schedule of(
      LocalDate start,
      LocalDate end,
      Frequency frequency,
      StubConvention stub,
      boolean endOfMonth,
      BusinessDayConvention convention,
      HolidayCalendar calendar) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(frequency, "frequency");
    Objects.requireNonNull(stub, "stub");
    Objects.requireNonNull(convention, "convention");
    Objects.requireNonNull(calendar, "calendar");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "schedule end " + end + " must be after its start " + start);
    }
    List<LocalDate> dates =
        stub == StubConvention.SHORT_FRONT
            ? backward(start, end, frequency, endOfMonth)
            : forward(start, end, frequency, endOfMonth);
    List<SchedulePeriod> periods = new ArrayList<>();
    for (int i = 1; i < dates.size(); i++) {
      LocalDate from = dates.get(i - 1);
      LocalDate to = dates.get(i);
      periods.add(
          new SchedulePeriod(
              from, to, convention.adjust(from, calendar), convention.adjust(to, calendar)));
    }
    return new Schedule(periods);
  }

  private static List<LocalDate> backward(
      LocalDate start, LocalDate end, Frequency frequency, boolean endOfMonth) {
    List<LocalDate> dates = new ArrayList<>();
    dates.add(end);
    for (int k = 1; ; k++) {
      LocalDate date = step(end, -k * frequency.months(), endOfMonth);
      if (!date.isAfter(start)) {
        break;
      }
      dates.add(date);
    }
    dates.add(start);
    Collections.reverse(dates);
    return dates;
  }

  private static List<LocalDate> forward(
      LocalDate start, LocalDate end, Frequency frequency, boolean endOfMonth) {
    List<LocalDate> dates = new ArrayList<>();
    dates.add(start);
    for (int k = 1; ; k++) {
      LocalDate date = step(start, k * frequency.months(), endOfMonth);
      if (!date.isBefore(end)) {
        break;
      }
      dates.add(date);
    }
    dates.add(end);
    return dates;
  }

  private static LocalDate step(LocalDate anchor, int months, boolean endOfMonth) {
    LocalDate date = anchor.plusMonths(months);
    boolean monthEnd = endOfMonth && anchor.getDayOfMonth() == anchor.lengthOfMonth();
    return monthEnd ? date.with(TemporalAdjusters.lastDayOfMonth()) : date;
  }
}
