package io.twinledger.finance.bond;

import io.twinledger.finance.valuation.Rate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * Bond yield from clean price with Excel's YIELD semantics, per 100 face value.
 *
 * <ul>
 *   <li>One coupon period or less left (N = 1): Excel's closed form, the inverse of {@link
 *       BondPrice}'s simple-interest formula: {@code y = ((R/100 + r/f) − (P/100 + A/E × r/f)) /
 *       (P/100 + A/E × r/f) × f × E / DSR}, with DSR = DSC (the next coupon is the redemption).
 *   <li>Otherwise: the yield in {@code [-99 %, 1000 %]} at which {@link BondPrice} gives the clean
 *       price, found with Commons Math's {@link BrentSolver} to 1e-13. The price falls as the yield
 *       rises, so there is at most one.
 * </ul>
 *
 * <p>The yield is rounded half-even to {@link #DECIMALS} decimals.
 */
public final class BondYield {

  /** The number of decimals the yield is rounded to. */
  public static final int DECIMALS = 10;

  private static final double LOWEST_YIELD = -0.99;
  private static final double HIGHEST_YIELD = 10.0;
  private static final int MAX_EVALUATIONS = 200;

  private BondYield() {}

  /**
   * The yield at which the bond's clean price is {@code cleanPrice}.
   *
   * @param bond the bond
   * @param settlement the settlement date, before maturity
   * @param cleanPrice the clean price per 100 face value, positive
   * @throws IllegalArgumentException if settlement is not before maturity, the price is not
   *     positive, or no yield from -99 % to 1000 % gives the price
   */
  public static Rate of(FixedCouponBond bond, LocalDate settlement, BigDecimal cleanPrice) {
    Objects.requireNonNull(bond, "bond");
    Objects.requireNonNull(settlement, "settlement");
    Objects.requireNonNull(cleanPrice, "cleanPrice");
    if (cleanPrice.signum() <= 0) {
      throw new IllegalArgumentException(
          "clean price " + cleanPrice.toPlainString() + " per 100 face value must be positive");
    }
    CouponPeriod period = CouponPeriod.of(bond, settlement);
    BigDecimal yield =
        period.remainingCoupons() == 1
            ? closedForm(bond, period, cleanPrice)
            : solve(bond, period, cleanPrice);
    return new Rate(yield.setScale(DECIMALS, RoundingMode.HALF_EVEN));
  }

  private static BigDecimal closedForm(
      FixedCouponBond bond, CouponPeriod period, BigDecimal cleanPrice) {
    MathContext mc = MathContext.DECIMAL128;
    BigDecimal coupon = bond.couponPerPeriod();
    BigDecimal dirty =
        cleanPrice.add(
            coupon.multiply(period.accruedDays(), mc).divide(period.periodDays(), mc), mc);
    BigDecimal perYear = BigDecimal.valueOf(bond.frequency().periodsPerYear());
    return bond.redemption()
        .add(coupon)
        .subtract(dirty)
        .divide(dirty, mc)
        .multiply(perYear.multiply(period.periodDays()), mc)
        .divide(period.daysToNextCoupon(), mc);
  }

  private static BigDecimal solve(FixedCouponBond bond, CouponPeriod period, BigDecimal price) {
    UnivariateFunction excess =
        y ->
            BondPrice.of(bond, period, BigDecimal.valueOf(y))
                .cleanPrice()
                .subtract(price)
                .doubleValue();
    double atLowest = excess.value(LOWEST_YIELD);
    double atHighest = excess.value(HIGHEST_YIELD);
    if (atLowest == 0) {
      return BigDecimal.valueOf(LOWEST_YIELD);
    }
    if (Math.signum(atLowest) == Math.signum(atHighest)) {
      throw new IllegalArgumentException(
          "no yield from -99 % to 1000 % gives the clean price "
              + price.toPlainString()
              + " (prices there run from "
              + price.add(BigDecimal.valueOf(atHighest)).round(new MathContext(10))
              + " to "
              + price.add(BigDecimal.valueOf(atLowest)).round(new MathContext(10))
              + ")");
    }
    double root =
        new BrentSolver(1e-15, 1e-13).solve(MAX_EVALUATIONS, excess, LOWEST_YIELD, HIGHEST_YIELD);
    return new BigDecimal(root);
  }
}
