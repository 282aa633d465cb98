package io.twinledger.finance.bond;

import io.twinledger.finance.valuation.DecimalMath;
import io.twinledger.finance.valuation.Rate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Bond price from yield with Excel's PRICE semantics, per 100 face value. With coupon {@code c =
 * 100 × rate / f}, yield {@code y}, redemption {@code R} and A, E, DSC, N from {@link
 * CouponPeriod}:
 *
 * <ul>
 *   <li>one coupon left (N = 1): {@code clean = (R + c) / (1 + DSC/E × y/f) − c × A/E} (simple
 *       interest over the last period);
 *   <li>otherwise: {@code clean = R / g^(N−1+DSC/E) + Σ_{k=1..N} c / g^(k−1+DSC/E) − c × A/E} with
 *       {@code g = 1 + y/f}.
 * </ul>
 *
 * <p>Computed with {@link MathContext#DECIMAL128}; results are not rounded. Unlike Excel, a
 * negative yield is allowed as long as {@code 1 + y/f} stays positive.
 */
public final class BondPrice {

  private BondPrice() {}

  /**
   * Prices a bond at a yield.
   *
   * @param bond the bond
   * @param settlement the settlement date, before maturity
   * @param yield the annual yield, compounded {@code f} times a year
   * @throws IllegalArgumentException if settlement is not before maturity or {@code 1 + y/f} is not
   *     positive
   */
  public static BondQuote of(FixedCouponBond bond, LocalDate settlement, Rate yield) {
    Objects.requireNonNull(bond, "bond");
    Objects.requireNonNull(settlement, "settlement");
    Objects.requireNonNull(yield, "yield");
    return of(bond, CouponPeriod.of(bond, settlement), yield.decimal());
  }

  static BondQuote of(FixedCouponBond bond, CouponPeriod period, BigDecimal yield) {
    MathContext mc = MathContext.DECIMAL128;
    BigDecimal perYear = BigDecimal.valueOf(bond.frequency().periodsPerYear());
    BigDecimal yieldPerPeriod = yield.divide(perYear, mc);
    BigDecimal growth = BigDecimal.ONE.add(yieldPerPeriod);
    if (growth.signum() <= 0) {
      throw new IllegalArgumentException(
          "yield "
              + new Rate(yield)
              + " is not above -100 % per coupon period: 1 + yield/frequency must be positive");
    }
    BigDecimal coupon = bond.couponPerPeriod();
    BigDecimal accrued = coupon.multiply(period.accruedDays(), mc).divide(period.periodDays(), mc);
    BigDecimal toNextCoupon = period.daysToNextCoupon().divide(period.periodDays(), mc);
    BigDecimal dirty;
    if (period.remainingCoupons() == 1) {
      dirty =
          bond.redemption()
              .add(coupon)
              .divide(BigDecimal.ONE.add(toNextCoupon.multiply(yieldPerPeriod, mc)), mc);
    } else {
      BigDecimal perPeriod = BigDecimal.ONE.divide(growth, mc);
      BigDecimal discount = DecimalMath.pow(perPeriod, toNextCoupon, mc);
      BigDecimal sum = BigDecimal.ZERO;
      for (int k = 1; k <= period.remainingCoupons(); k++) {
        sum = sum.add(coupon.multiply(discount, mc), mc);
        if (k == period.remainingCoupons()) {
          sum = sum.add(bond.redemption().multiply(discount, mc), mc);
        }
        discount = discount.multiply(perPeriod, mc);
      }
      dirty = sum;
    }
    return new BondQuote(dirty.subtract(accrued, mc), accrued, dirty);
  }
}
