package io.twinledger.finance.bond;

import io.twinledger.finance.daycount.ReferencePeriod;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The quasi-coupon period of a bond's coupon grid that holds a settlement date, with the day counts
 * of Excel's coupon functions. For a bond in its regular periods this is the coupon period itself.
 *
 * @param previousCouponDate COUPPCD: the last (quasi-)coupon date on or before settlement
 * @param nextCouponDate COUPNCD: the first (quasi-)coupon date after settlement
 * @param remainingCoupons COUPNUM: coupons payable after settlement up to and including maturity
 * @param accruedDays A (COUPDAYBS): days from the previous (quasi-)coupon date to settlement
 * @param periodDays E (COUPDAYS): days in the (quasi-)coupon period holding settlement
 * @param daysToNextCoupon DSC (COUPDAYSNC): days from settlement to the next (quasi-)coupon date
 */
record CouponPeriod(
    LocalDate previousCouponDate,
    LocalDate nextCouponDate,
    int remainingCoupons,
    BigDecimal accruedDays,
    BigDecimal periodDays,
    BigDecimal daysToNextCoupon) {

  /**
   * Locates {@code settlement} on the bond's coupon grid (see {@link FixedCouponBond}) and counts
   * days as Excel does for the bond's basis:
   *
   * <ul>
   *   <li>A: 30/360 days for basis 0 and 4, actual days otherwise;
   *   <li>E: see {@link #periodDays(FixedCouponBond, ReferencePeriod)};
   *   <li>DSC: E − A for basis 0 and 4, actual days otherwise.
   * </ul>
   *
   * @throws IllegalArgumentException if settlement is not before maturity
   */
  static CouponPeriod of(FixedCouponBond bond, LocalDate settlement) {
    if (!settlement.isBefore(bond.maturity())) {
      throw new IllegalArgumentException(
          "settlement " + settlement + " must be before maturity " + bond.maturity());
    }
    ReferencePeriod grid = bond.lastRegularPeriod();
    ReferencePeriod period = grid.periodContaining(settlement);
    BigDecimal periodDays = periodDays(bond, period);
    BigDecimal accrued = BigDecimal.valueOf(bond.dayCount().days(period.start(), settlement));
    BigDecimal toNext =
        isThirty360(bond)
            ? periodDays.subtract(accrued)
            : BigDecimal.valueOf(ChronoUnit.DAYS.between(settlement, period.end()));
    return new CouponPeriod(
        period.start(),
        period.end(),
        remainingCoupons(bond, settlement),
        accrued,
        periodDays,
        toNext);
  }

  /**
   * E, the length in days of a (quasi-)coupon period as Excel's coupon functions count it: its
   * actual days for basis 1 (ACT/ACT), {@code 365 / f} for basis 3 (ACT/365F), {@code 360 / f}
   * otherwise.
   */
  static BigDecimal periodDays(FixedCouponBond bond, ReferencePeriod period) {
    int perYear = bond.frequency().periodsPerYear();
    return switch (bond.dayCount().excelBasis()) {
      case 1 -> BigDecimal.valueOf(ChronoUnit.DAYS.between(period.start(), period.end()));
      case 3 -> BigDecimal.valueOf(365).divide(BigDecimal.valueOf(perYear), MathContext.DECIMAL128);
      default -> BigDecimal.valueOf(360 / perYear);
    };
  }

  /** Whether days are 30/360 days (Excel basis 0 and 4), for which DSC is E − A. */
  static boolean isThirty360(FixedCouponBond bond) {
    int basis = bond.dayCount().excelBasis();
    return basis == 0 || basis == 4;
  }

  /**
   * Payment dates after settlement: regular coupon dates from the first coupon on, and maturity.
   */
  private static int remainingCoupons(FixedCouponBond bond, LocalDate settlement) {
    ReferencePeriod grid = bond.lastRegularPeriod();
    LocalDate firstCoupon = bond.firstCouponDate().orElse(LocalDate.MIN);
    int count = bond.lastCoupon().isPresent() ? 1 : 0;
    for (LocalDate date = grid.periodContaining(settlement).end();
        !date.isAfter(bond.lastRegularCoupon());
        date = grid.periodContaining(date).end()) {
      if (!date.isBefore(firstCoupon)) {
        count++;
      }
    }
    return count;
  }
}
