package io.twinledger.finance.bond.terms;

import io.twinledger.finance.schedule.HolidayCalendar;
import java.time.LocalDate;

/**
 * When the holders of record of a payment are fixed: {@code businessDaysBefore} business days
 * before its (adjusted) payment date, on the bond's calendar. The token register resolves the
 * record date to one block.
 *
 * @param businessDaysBefore 0 (the payment date itself) to 30; 1 by default
 */
public record RecordDateRule(int businessDaysBefore) {

  /** The default: one business day before each payment. */
  public static final RecordDateRule DEFAULT = new RecordDateRule(1);

  public RecordDateRule {
    if (businessDaysBefore < 0 || businessDaysBefore > 30) {
      throw new IllegalArgumentException(
          "businessDaysBefore must be 0 to 30, was " + businessDaysBefore);
    }
  }

  /** The record date of a payment on {@code paymentDate}. */
  public LocalDate recordDate(LocalDate paymentDate, HolidayCalendar calendar) {
    LocalDate date = paymentDate;
    for (int i = 0; i < businessDaysBefore; i++) {
      date = calendar.previousOrSame(date.minusDays(1));
    }
    return date;
  }
}
