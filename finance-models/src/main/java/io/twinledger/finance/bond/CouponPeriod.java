package io.twinledger.finance.bond;

import io.twinledger.finance.daycount.DayCount;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * Where a settlement date falls in a bond's coupon schedule, with the day counts of Excel's coupon
 * functions.
 *
 * @param previousCouponDate COUPPCD: the last coupon date on or before settlement
 * @param nextCouponDate COUPNCD: the first coupon date after settlement
 * @param remainingCoupons COUPNUM: coupons payable after settlement up to and including maturity
 * @param accruedDays A (COUPDAYBS): days from the previous coupon date to settlement
 * @param periodDays E (COUPDAYS): days in the coupon period containing settlement
 * @param daysToNextCoupon DSC (COUPDAYSNC): days from settlement to the next coupon date
 */
record CouponPeriod(
    LocalDate previousCouponDate,
    LocalDate nextCouponDate,
    int remainingCoupons,
    BigDecimal accruedDays,
    BigDecimal periodDays,
    BigDecimal daysToNextCoupon) {

  /**
   * Locates {@code settlement} in the coupon dates generated backward from maturity, and counts
   * days as Excel does for the bond's basis:
   *
   * <ul>
   *   <li>A: 30/360 days for basis 0 and 4, actual days otherwise;
   *   <li>E: actual days of the period for basis 1, 365/f for basis 3, 360/f otherwise;
   *   <li>DSC: E − A for basis 0 and 4, actual days otherwise.
   * </ul>
   */
  static CouponPeriod of(FixedCouponBond bond, LocalDate settlement) {
    if (!settlement.isBefore(bond.maturity())) {
      throw new IllegalArgumentException(
          "settlement " + settlement + " must be before maturity " + bond.maturity());
    }
    int k = 1;
    LocalDate previous = couponDate(bond, k);
    while (previous.isAfter(settlement)) {
      k++;
      previous = couponDate(bond, k);
    }
    LocalDate next = couponDate(bond, k - 1);
    DayCount dayCount = bond.dayCount();
    int basis = dayCount.excelBasis();
    boolean thirty360 = basis == 0 || basis == 4;
    long accrued =
        thirty360
            ? dayCount.days(previous, settlement)
            : ChronoUnit.DAYS.between(previous, settlement);
    int perYear = bond.frequency().periodsPerYear();
    BigDecimal period =
        switch (basis) {
          case 1 -> BigDecimal.valueOf(ChronoUnit.DAYS.between(previous, next));
          case 3 -> BigDecimal.valueOf(365).divide(BigDecimal.valueOf(perYear));
          default -> BigDecimal.valueOf(360 / perYear);
        };
    BigDecimal toNext =
        thirty360
            ? period.subtract(BigDecimal.valueOf(accrued))
            : BigDecimal.valueOf(ChronoUnit.DAYS.between(settlement, next));
    return new CouponPeriod(previous, next, k, BigDecimal.valueOf(accrued), period, toNext);
  }

  /** The coupon date {@code periodsBack} periods before maturity (0 is maturity itself). */
  private static LocalDate couponDate(FixedCouponBond bond, int periodsBack) {
    LocalDate maturity = bond.maturity();
    LocalDate date = maturity.minusMonths((long) periodsBack * bond.frequency().months());
    boolean endOfMonth = maturity.getDayOfMonth() == maturity.lengthOfMonth();
    return endOfMonth ? date.with(TemporalAdjusters.lastDayOfMonth()) : date;
  }
}
