package io.twinledger.finance.bond;

import io.twinledger.finance.valuation.DecimalMath;
import io.twinledger.finance.valuation.Rate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Bond price from yield per 100 face value, with the semantics of Excel's PRICE for regular coupon
 * periods and of ODDFPRICE and ODDLPRICE for an odd (short or long) first or last period.
 *
 * <p>Every length is measured in coupon periods on the bond's quasi-coupon grid (the regular coupon
 * dates continued through the odd periods; see {@link FixedCouponBond}). For a quasi-coupon period
 * {@code i}, {@code NL_i} is its length in days (Excel's E: actual days for basis 1, {@code 365/f}
 * for basis 3, {@code 360/f} otherwise) and days are counted in the bond's basis (30/360 for basis
 * 0 and 4, actual otherwise). A stretch of time is {@code Σ DC_i / NL_i} over the quasi-coupon
 * periods it touches, a whole one counting 1. With coupon {@code c = 100 × rate / f}, yield {@code
 * y}, {@code g = 1 + y/f} and redemption {@code R}:
 *
 * <ul>
 *   <li>Accrued interest: {@code c × Σ A_i / NL_i} from the start of the coupon period holding
 *       settlement (the issue date in the first period) to settlement; {@code c × A/E} in a regular
 *       period.
 *   <li>Each coupon: {@code c × Σ DC_i / NL_i} over its period: {@code c} for a regular period,
 *       {@code c × DFC/E} for a short first one, more than {@code c} for a long one. For ACT/ACT
 *       this is {@code 100 × rate × } the ACT/ACT ICMA year fraction of the period.
 *   <li>Time to each payment {@code t_k}: {@code DSC/E} for the rest of the quasi-coupon period
 *       holding settlement (DSC = E − A for the 30/360 bases, as Excel's COUPDAYSNC), plus the
 *       length of every later period.
 *   <li>Settlement in the final period (regular or odd: only the payment at maturity is left):
 *       simple interest, {@code dirty = (R + c_N) / (1 + t_N × y/f)} (PRICE with N = 1, ODDLPRICE).
 *   <li>Otherwise: {@code dirty = Σ_k c_k / g^(t_k) + R / g^(t_N)} (PRICE, ODDFPRICE; for a long
 *       last coupon seen from before it, the odd period is discounted over its length in periods).
 *   <li>{@code clean = dirty − accrued}.
 * </ul>
 *
 * <p>For a regular bond this is {@code clean = R / g^(N−1+DSC/E) + Σ_{k=1..N} c / g^(k−1+DSC/E) − c
 * × A/E}. Computed with {@link MathContext#DECIMAL128}; results are not rounded. Unlike Excel, a
 * negative yield is allowed as long as {@code 1 + y/f} stays positive.
 */
public final class BondPrice {

  private BondPrice() {}

  /**
   * Prices a bond at a yield.
   *
   * @param bond the bond
   * @param settlement the settlement date, before maturity and not before the issue date
   * @param yield the annual yield, compounded {@code f} times a year
   * @throws IllegalArgumentException if settlement is not before maturity or {@code 1 + y/f} is not
   *     positive
   * @throws InvalidBondDatesException if settlement is before the issue date
   */
  public static BondQuote of(FixedCouponBond bond, LocalDate settlement, Rate yield) {
    Objects.requireNonNull(bond, "bond");
    Objects.requireNonNull(settlement, "settlement");
    Objects.requireNonNull(yield, "yield");
    return of(bond, BondCashFlows.of(bond, settlement), yield.decimal());
  }

  static BondQuote of(FixedCouponBond bond, BondCashFlows flows, BigDecimal yield) {
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
    BigDecimal dirty;
    if (flows.inFinalPeriod()) {
      BondCashFlows.Payment last = flows.finalPayment();
      dirty =
          last.amount().divide(BigDecimal.ONE.add(last.periods().multiply(yieldPerPeriod, mc)), mc);
    } else {
      // Discount factors step from one payment to the next: a whole period is one more factor of
      // 1/g, so only the first payment and odd periods need a fractional power.
      BigDecimal perPeriod = BigDecimal.ONE.divide(growth, mc);
      BigDecimal discount = BigDecimal.ONE;
      BigDecimal previousPeriods = BigDecimal.ZERO;
      BigDecimal sum = BigDecimal.ZERO;
      for (BondCashFlows.Payment payment : flows.payments()) {
        BigDecimal step = payment.periods().subtract(previousPeriods, mc);
        discount =
            discount.multiply(
                step.compareTo(BigDecimal.ONE) == 0
                    ? perPeriod
                    : DecimalMath.pow(perPeriod, step, mc),
                mc);
        sum = sum.add(payment.amount().multiply(discount, mc), mc);
        previousPeriods = payment.periods();
      }
      dirty = sum;
    }
    return new BondQuote(dirty.subtract(flows.accrued(), mc), flows.accrued(), dirty);
  }
}
