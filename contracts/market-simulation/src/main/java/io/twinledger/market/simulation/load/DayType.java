package io.twinledger.market.simulation.load;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;

/**
 * The standard load profile's day types. Public holidays count as Sundays, as in H0. The Korean
 * holidays with a fixed solar date are included (New Year's Day, Independence Movement Day 1 March,
 * Children's Day 5 May, Memorial Day 6 June, Liberation Day 15 August, National Foundation Day 3
 * October, Hangul Day 9 October, Christmas); the lunar ones (Seollal, Buddha's Birthday, Chuseok)
 * and substitute holidays are not, which moves about six days a year from weekday to Sunday shape.
 */
public enum DayType {
  WEEKDAY,
  SATURDAY,
  SUNDAY;

  private static final Set<MonthDay> FIXED_HOLIDAYS =
      Set.of(
          MonthDay.of(1, 1),
          MonthDay.of(3, 1),
          MonthDay.of(5, 5),
          MonthDay.of(6, 6),
          MonthDay.of(8, 15),
          MonthDay.of(10, 3),
          MonthDay.of(10, 9),
          MonthDay.of(12, 25));

  /** The day type of a date. */
  public static DayType of(LocalDate date) {
    if (date.getDayOfWeek() == DayOfWeek.SUNDAY || FIXED_HOLIDAYS.contains(MonthDay.from(date))) {
      return SUNDAY;
    }
    return date.getDayOfWeek() == DayOfWeek.SATURDAY ? SATURDAY : WEEKDAY;
  }
}
