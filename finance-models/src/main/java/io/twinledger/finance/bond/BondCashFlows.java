package io.twinledger.finance.bond;

import io.twinledger.finance.daycount.ReferencePeriod;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A bond as seen from a settlement date: the coupon accrued so far and the payments still to come,
 * each timed in coupon periods from settlement. Lengths are measured on the bond's quasi-coupon
 * grid (Excel's odd-coupon functions; see {@link BondPrice} for the formulas): a whole quasi-coupon
 * period counts 1, a part of one {@code days / E} with the days and E of the bond's basis.
 *
 * @param accrued the accrued interest per 100 face value: {@code c × Σ A_i / NL_i}
 * @param payments the payments after settlement, in date order; the last is at maturity and
 *     includes the redemption
 */
record BondCashFlows(BigDecimal accrued, List<Payment> payments) {

  private static final MathContext MC = MathContext.DECIMAL128;

  BondCashFlows {
    payments = List.copyOf(payments);
  }

  /**
   * One payment.
   *
   * @param date when it is paid
   * @param amount per 100 face value: the coupon for its period, plus the redemption at maturity
   * @param periods its time from settlement in coupon periods (DSC/E for the next coupon date of a
   *     regular bond, one more for each regular period after it)
   */
  record Payment(LocalDate date, BigDecimal amount, BigDecimal periods) {}

  /** The last payment: at maturity, with the redemption. */
  Payment finalPayment() {
    return payments.getLast();
  }

  /** Whether settlement is in the final coupon period: only the payment at maturity is left. */
  boolean inFinalPeriod() {
    return payments.size() == 1;
  }

  /**
   * The bond's cash flows after {@code settlement}.
   *
   * @throws IllegalArgumentException if settlement is not before maturity
   * @throws InvalidBondDatesException if settlement is before the issue date
   */
  static BondCashFlows of(FixedCouponBond bond, LocalDate settlement) {
    Objects.requireNonNull(settlement, "settlement");
    CouponPeriod where = CouponPeriod.of(bond, settlement);
    if (bond.issue().isPresent() && settlement.isBefore(bond.issue().get())) {
      throw new InvalidBondDatesException(
          "settlement", "must not be before issue " + bond.issue().get() + ", was " + settlement);
    }
    LocalDate accrualStart;
    LocalDate next;
    if (bond.lastCoupon().isPresent() && !settlement.isBefore(bond.lastCoupon().get())) {
      accrualStart = bond.lastCoupon().get();
      next = bond.maturity();
    } else if (bond.firstCouponDate().filter(settlement::isBefore).isPresent()) {
      accrualStart = bond.issue().orElseThrow();
      next = bond.firstCouponDate().get();
    } else {
      accrualStart = where.previousCouponDate();
      next = where.nextCouponDate();
    }

    ReferencePeriod grid = bond.lastRegularPeriod();
    List<LocalDate> dates = new ArrayList<>(List.of(next));
    for (LocalDate date = next; date.isBefore(bond.lastRegularCoupon()); ) {
      date = grid.periodContaining(date).end();
      dates.add(date);
    }
    if (!dates.getLast().equals(bond.maturity())) {
      dates.add(bond.maturity());
    }

    BigDecimal coupon = bond.couponPerPeriod();
    List<Payment> payments = new ArrayList<>(dates.size());
    BigDecimal periods = periodsToNext(bond, where, settlement, next);
    LocalDate periodStart = accrualStart;
    for (LocalDate date : dates) {
      BigDecimal length = periods(bond, periodStart, date);
      if (!payments.isEmpty()) {
        periods = periods.add(length, MC);
      }
      BigDecimal amount = coupon.multiply(length, MC);
      if (date.equals(bond.maturity())) {
        amount = amount.add(bond.redemption(), MC);
      }
      payments.add(new Payment(date, amount, periods));
      periodStart = date;
    }
    BigDecimal accrued =
        settlement.equals(accrualStart)
            ? BigDecimal.ZERO
            : coupon.multiply(periods(bond, accrualStart, settlement), MC);
    return new BondCashFlows(accrued, payments);
  }

  /**
   * The length of {@code [from, to)} in coupon periods: {@code Σ DC_i / NL_i} over the quasi-coupon
   * periods it touches, a whole one counting 1 (so a regular period is exactly 1).
   */
  static BigDecimal periods(FixedCouponBond bond, LocalDate from, LocalDate to) {
    BigDecimal sum = BigDecimal.ZERO;
    for (ReferencePeriod.Part part : bond.lastRegularPeriod().split(from, to)) {
      sum =
          sum.add(
              part.isWholePeriod()
                  ? BigDecimal.ONE
                  : BigDecimal.valueOf(bond.dayCount().days(part.start(), part.end()))
                      .divide(CouponPeriod.periodDays(bond, part.period()), MC),
              MC);
    }
    return sum;
  }

  /**
   * The time from settlement to the next payment in coupon periods: {@code DSC / E} for the rest of
   * the quasi-coupon period holding settlement (DSC as Excel's COUPDAYSNC: {@code E − A} for the
   * 30/360 bases), plus whole quasi-coupon periods, plus {@code days / E} for a final part that
   * ends at maturity within a quasi-coupon period.
   */
  private static BigDecimal periodsToNext(
      FixedCouponBond bond, CouponPeriod where, LocalDate settlement, LocalDate next) {
    if (!next.isAfter(where.nextCouponDate())) {
      return next.equals(where.nextCouponDate())
          ? where.daysToNextCoupon().divide(where.periodDays(), MC)
          : BigDecimal.valueOf(bond.dayCount().days(settlement, next))
              .divide(where.periodDays(), MC);
    }
    return where
        .daysToNextCoupon()
        .divide(where.periodDays(), MC)
        .add(periods(bond, where.nextCouponDate(), next), MC);
  }
}
