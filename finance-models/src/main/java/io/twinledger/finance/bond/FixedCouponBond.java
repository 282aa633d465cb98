package io.twinledger.finance.bond;

import io.twinledger.finance.daycount.DayCount;
import io.twinledger.finance.schedule.Frequency;
import io.twinledger.finance.valuation.Rate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A fixed-coupon bullet bond as Excel's PRICE and YIELD see it, per 100 of face value.
 *
 * @param maturity the redemption date; coupon dates run backward from it every {@code
 *     frequency.months()} months, on the month end when the maturity is a month end
 * @param couponRate the annual coupon rate, not negative; each coupon is {@code 100 × couponRate /
 *     periodsPerYear}
 * @param redemption the amount repaid per 100 face value at maturity, positive (usually 100)
 * @param frequency coupons per year: annual, semi-annual or quarterly (Excel's 1, 2, 4)
 * @param dayCount how the coupon-period days are counted; see {@link DayCount#excelBasis()} for the
 *     Excel basis each name maps to
 */
public record FixedCouponBond(
    LocalDate maturity,
    Rate couponRate,
    BigDecimal redemption,
    Frequency frequency,
    DayCount dayCount) {

  /** The usual redemption: at par, 100 per 100 face value. */
  public static final BigDecimal PAR = BigDecimal.valueOf(100);

  public FixedCouponBond {
    Objects.requireNonNull(maturity, "maturity");
    Objects.requireNonNull(couponRate, "couponRate");
    Objects.requireNonNull(redemption, "redemption");
    Objects.requireNonNull(frequency, "frequency");
    Objects.requireNonNull(dayCount, "dayCount");
    if (couponRate.decimal().signum() < 0) {
      throw new IllegalArgumentException("coupon rate " + couponRate + " must not be negative");
    }
    if (redemption.signum() <= 0) {
      throw new IllegalArgumentException(
          "redemption " + redemption.toPlainString() + " per 100 face value must be positive");
    }
    if (frequency == Frequency.MONTHLY) {
      throw new IllegalArgumentException(
          "coupon frequency must be 1, 2 or 4 per year (as Excel's PRICE and YIELD), not 12");
    }
  }

  /**
   * A bond from Excel-style arguments.
   *
   * @param couponsPerYear 1, 2 or 4
   * @param dayCountName an API day count name such as {@code "30/360 US"}
   * @throws IllegalArgumentException for another frequency or an unknown day count name
   */
  public static FixedCouponBond of(
      LocalDate maturity,
      Rate couponRate,
      BigDecimal redemption,
      int couponsPerYear,
      String dayCountName) {
    if (couponsPerYear != 1 && couponsPerYear != 2 && couponsPerYear != 4) {
      throw new IllegalArgumentException(
          "coupon frequency must be 1, 2 or 4 per year, not " + couponsPerYear);
    }
    return new FixedCouponBond(
        maturity,
        couponRate,
        redemption,
        Frequency.ofPeriodsPerYear(couponsPerYear),
        DayCount.of(dayCountName));
  }

  /** The coupon paid each period per 100 face value: {@code 100 × couponRate / periodsPerYear}. */
  BigDecimal couponPerPeriod() {
    return PAR.multiply(couponRate.decimal())
        .divide(BigDecimal.valueOf(frequency.periodsPerYear()), MathContext.DECIMAL128);
  }
}
