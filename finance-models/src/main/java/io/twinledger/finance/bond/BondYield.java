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
 * Bond yield from clean price per 100 face value, with the semantics of Excel's YIELD, ODDFYIELD
 * and ODDLYIELD: the inverse of {@link BondPrice}.
 *
 * <ul>
 *   <li>Settlement in the final coupon period (regular or odd), the closed form that inverts the
 *       simple-interest price: {@code y = ((R + c_N) / dirty − 1) × f / t_N}, with {@code dirty =
 *       clean + accrued} and {@code t_N} the time to maturity in coupon periods (DSC/E for a
 *       regular final period: Excel's {@code ((R/100 + r/f) − (P/100 + A/E × r/f)) / (P/100 + A/E ×
 *       r/f) × f × E / DSR}).
 *   <li>There, if {@code t_N = 0} (settlement zero days before maturity in a 30/360 basis, e.g. the
 *       day before a 31st), the dirty price is {@code R + c_N} whatever the yield: the clean price
 *       that gives is {@link YieldResult.Undetermined}, any other {@link YieldResult.None}.
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
   * The yield at which the bond's clean price is {@code cleanPrice}, or why there is none.
   *
   * @param bond the bond
   * @param settlement the settlement date, before maturity and not before the issue date
   * @param cleanPrice the clean price per 100 face value, positive
   * @throws IllegalArgumentException if settlement is not before maturity or the price is not
   *     positive
   * @throws InvalidBondDatesException if settlement is before the issue date
   */
  public static YieldResult solve(
      FixedCouponBond bond, LocalDate settlement, BigDecimal cleanPrice) {
    Objects.requireNonNull(bond, "bond");
    Objects.requireNonNull(settlement, "settlement");
    Objects.requireNonNull(cleanPrice, "cleanPrice");
    if (cleanPrice.signum() <= 0) {
      throw new IllegalArgumentException(
          "clean price " + cleanPrice.toPlainString() + " per 100 face value must be positive");
    }
    BondCashFlows flows = BondCashFlows.of(bond, settlement);
    return flows.inFinalPeriod()
        ? closedForm(bond, settlement, flows, cleanPrice)
        : solve(bond, flows, cleanPrice);
  }

  /**
   * The yield at which the bond's clean price is {@code cleanPrice}.
   *
   * @throws IllegalArgumentException as {@link #solve}, and with the reason when there is no yield
   *     or every yield gives the price
   */
  public static Rate of(FixedCouponBond bond, LocalDate settlement, BigDecimal cleanPrice) {
    return switch (solve(bond, settlement, cleanPrice)) {
      case YieldResult.Found found -> found.yield();
      case YieldResult.None none -> throw new IllegalArgumentException(none.reason());
      case YieldResult.Undetermined undetermined ->
          throw new IllegalArgumentException(undetermined.reason());
    };
  }

  private static YieldResult closedForm(
      FixedCouponBond bond, LocalDate settlement, BondCashFlows flows, BigDecimal cleanPrice) {
    MathContext mc = MathContext.DECIMAL128;
    BondCashFlows.Payment last = flows.finalPayment();
    BigDecimal dirty = cleanPrice.add(flows.accrued(), mc);
    if (last.periods().signum() == 0) {
      // The only payment left is discounted over no time at all.
      BigDecimal onlyPrice = last.amount().subtract(flows.accrued(), mc);
      String why =
          "settlement "
              + settlement
              + " is 0 days ("
              + bond.dayCount().apiName()
              + ") before the last payment on "
              + last.date()
              + ", so the clean price is "
              + onlyPrice.round(new MathContext(12)).stripTrailingZeros().toPlainString()
              + " whatever the yield";
      return onlyPrice.compareTo(cleanPrice) == 0
          ? new YieldResult.Undetermined(why + ": every yield gives it, none is determined")
          : new YieldResult.None(why + ": no yield gives " + cleanPrice.toPlainString());
    }
    BigDecimal perYear = BigDecimal.valueOf(bond.frequency().periodsPerYear());
    BigDecimal yield =
        last.amount()
            .divide(dirty, mc)
            .subtract(BigDecimal.ONE)
            .multiply(perYear, mc)
            .divide(last.periods(), mc);
    return found(yield);
  }

  private static YieldResult solve(FixedCouponBond bond, BondCashFlows flows, BigDecimal price) {
    UnivariateFunction excess =
        y ->
            BondPrice.of(bond, flows, BigDecimal.valueOf(y))
                .cleanPrice()
                .subtract(price)
                .doubleValue();
    double atLowest = excess.value(LOWEST_YIELD);
    double atHighest = excess.value(HIGHEST_YIELD);
    if (atLowest == 0) {
      return found(BigDecimal.valueOf(LOWEST_YIELD));
    }
    if (Math.signum(atLowest) == Math.signum(atHighest)) {
      return new YieldResult.None(
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
    return found(new BigDecimal(root));
  }

  private static YieldResult found(BigDecimal yield) {
    return new YieldResult.Found(new Rate(yield.setScale(DECIMALS, RoundingMode.HALF_EVEN)));
  }
}
