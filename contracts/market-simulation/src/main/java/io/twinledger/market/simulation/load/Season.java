package io.twinledger.market.simulation.load;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * The standard load profile's seasons (BDEW/VDEW): winter from 1 November to 20 March, summer from
 * 15 May to 14 September, transition in between; all bounds inclusive.
 */
public enum Season {
  WINTER,
  TRANSITION,
  SUMMER;

  private static final MonthDay WINTER_ENDS = MonthDay.of(3, 20);
  private static final MonthDay SUMMER_STARTS = MonthDay.of(5, 15);
  private static final MonthDay SUMMER_ENDS = MonthDay.of(9, 14);
  private static final MonthDay WINTER_STARTS = MonthDay.of(11, 1);

  /** The season of a date. */
  public static Season of(LocalDate date) {
    MonthDay day = MonthDay.from(date);
    if (!day.isAfter(WINTER_ENDS) || !day.isBefore(WINTER_STARTS)) {
      return WINTER;
    }
    if (!day.isBefore(SUMMER_STARTS) && !day.isAfter(SUMMER_ENDS)) {
      return SUMMER;
    }
    return TRANSITION;
  }
}
