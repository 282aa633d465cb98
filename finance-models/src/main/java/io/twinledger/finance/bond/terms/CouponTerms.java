package io.twinledger.finance.bond.terms;

import io.twinledger.finance.daycount.DayCount;
import io.twinledger.finance.schedule.BusinessDayConvention;
import io.twinledger.finance.schedule.Frequency;
import io.twinledger.finance.schedule.HolidayCalendar;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A fixed coupon. Accrual dates are unadjusted (counted back from maturity every {@code
 * frequency.months()} months, a short first period from the issue date if they do not divide
 * evenly, on month ends when maturity is a month end); payment dates are the accrual end dates
 * rolled by {@code businessDayRule} on {@code calendar}, as for US corporate bonds.
 *
 * @param rate the annual rate as a decimal fraction (0.0265 is 2.65 %), not negative
 * @param frequency coupons a year: 1, 2, 4 or 12
 * @param dayCount how an accrual period's year fraction is counted
 * @param businessDayRule how payment dates move off non-business days; FOLLOWING by default
 * @param calendar the business days; weekends only by default
 */
public record CouponTerms(
    BigDecimal rate,
    Frequency frequency,
    DayCount dayCount,
    BusinessDayConvention businessDayRule,
    HolidayCalendar calendar) {

  public CouponTerms {
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(frequency, "frequency");
    Objects.requireNonNull(dayCount, "dayCount");
    Objects.requireNonNull(businessDayRule, "businessDayRule");
    Objects.requireNonNull(calendar, "calendar");
  }
}
