package io.twinledger.finance.valuation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debt cover ratios of project finance. Ratios are computed with {@link MathContext#DECIMAL128} and
 * not rounded.
 *
 * <ul>
 *   <li>DSCR of a period: CFADS / debt service. A period without debt service has no ratio (an
 *       empty {@link Optional}, not infinity) and is left out of the minimum and the average.
 *   <li>Average DSCR: the arithmetic mean of the period ratios (not Σ CFADS / Σ debt service).
 *   <li>LLCR: NPV of the CFADS over the remaining loan life, discounted at the debt's rate per
 *       period with the first CFADS one period ahead, divided by the debt outstanding now. Reserve
 *       accounts are not added; include them in the CFADS if the term sheet does.
 * </ul>
 */
public final class DebtMetrics {

  private DebtMetrics() {}

  /** The DSCR of each period, in order; empty for a period without debt service. */
  public static List<Optional<BigDecimal>> dscr(List<DebtPeriod> periods) {
    Objects.requireNonNull(periods, "periods");
    return periods.stream().map(DebtMetrics::dscr).toList();
  }

  /** The lowest DSCR over the periods with debt service; empty if there are none. */
  public static Optional<BigDecimal> minimumDscr(List<DebtPeriod> periods) {
    return dscr(periods).stream().flatMap(Optional::stream).min(BigDecimal::compareTo);
  }

  /** The mean DSCR over the periods with debt service; empty if there are none. */
  public static Optional<BigDecimal> averageDscr(List<DebtPeriod> periods) {
    List<BigDecimal> ratios = dscr(periods).stream().flatMap(Optional::stream).toList();
    if (ratios.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal sum = ratios.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    return Optional.of(sum.divide(BigDecimal.valueOf(ratios.size()), MathContext.DECIMAL128));
  }

  /**
   * The loan life cover ratio.
   *
   * @param cfads the CFADS of each remaining period of the loan, the first one period from now
   * @param ratePerPeriod the discount rate per period (usually the debt's interest rate)
   * @param outstandingDebt the debt outstanding now, not negative
   * @return the ratio; empty if no debt is outstanding
   */
  public static Optional<BigDecimal> llcr(
      List<BigDecimal> cfads, Rate ratePerPeriod, BigDecimal outstandingDebt) {
    Objects.requireNonNull(cfads, "cfads");
    Objects.requireNonNull(outstandingDebt, "outstandingDebt");
    if (outstandingDebt.signum() < 0) {
      throw new IllegalArgumentException(
          "outstanding debt " + outstandingDebt.toPlainString() + " must not be negative");
    }
    if (outstandingDebt.signum() == 0) {
      return Optional.empty();
    }
    BigDecimal presentValue =
        cfads.isEmpty()
            ? BigDecimal.ZERO
            : Npv.of(
                ratePerPeriod, Stream.concat(Stream.of(BigDecimal.ZERO), cfads.stream()).toList());
    return Optional.of(presentValue.divide(outstandingDebt, MathContext.DECIMAL128));
  }

  private static Optional<BigDecimal> dscr(DebtPeriod period) {
    if (period.debtService().signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(period.cfads().divide(period.debtService(), MathContext.DECIMAL128));
  }
}
