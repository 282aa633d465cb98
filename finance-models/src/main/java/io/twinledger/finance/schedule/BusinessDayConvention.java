package io.twinledger.finance.schedule;

import java.time.LocalDate;

/** How a date that is not a business day is moved to one (ISDA 2006 section 4.12). */
public enum BusinessDayConvention {
  /** The date is kept, business day or not. */
  UNADJUSTED,
  /** The next business day. */
  FOLLOWING,
  /** The next business day, unless that is in the next month: then the previous business day. */
  MODIFIED_FOLLOWING,
  /** The previous business day. */
  PRECEDING,
  /**
   * The previous business day, unless that is in the previous month: then the next business day.
   */
  MODIFIED_PRECEDING;

  /** The adjusted date; a business day is never moved. */
  public LocalDate adjust(LocalDate date, HolidayCalendar calendar) {
    return switch (this) {
      case UNADJUSTED -> date;
      case FOLLOWING -> calendar.nextOrSame(date);
      case PRECEDING -> calendar.previousOrSame(date);
      case MODIFIED_FOLLOWING -> {
        LocalDate following = calendar.nextOrSame(date);
        yield following.getMonth() == date.getMonth() ? following : calendar.previousOrSame(date);
      }
      case MODIFIED_PRECEDING -> {
        LocalDate preceding = calendar.previousOrSame(date);
        yield preceding.getMonth() == date.getMonth() ? preceding : calendar.nextOrSame(date);
      }
    };
  }
}
