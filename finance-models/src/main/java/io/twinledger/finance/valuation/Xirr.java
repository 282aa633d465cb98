package io.twinledger.finance.valuation;

import java.math.BigDecimal;
import java.util.List;

/**
 * Internal rate of return of dated cash flows with Excel's XIRR semantics: the annual rates at
 * which {@link Xnpv} is zero. The XNPV is a polynomial in {@code z = (1 + r)^(-1/365)} with the
 * days from the first flow as exponents; all its positive roots (all rates above -100 %) are found
 * by bracketing between the critical points of its derivatives (Rolle's theorem, recursively) and
 * Brent refinement (see {@link RootSearch} for the method and accuracy), rounded to 1e-10. Unlike
 * Excel, no guess is needed and several roots are reported rather than whichever Newton's method
 * reaches.
 */
public final class Xirr {

  private static final int DAYS_PER_YEAR = 365;

  private Xirr() {}

  /**
   * Solves for the XIRR.
   *
   * @param flows the flows; none may be dated before the first
   * @return {@link RootResult.Unique}, {@link RootResult.Multiple} or {@link RootResult.None} with
   *     the reason
   * @throws IllegalArgumentException if there are fewer than two flows or a flow is dated before
   *     the first
   */
  public static RootResult of(List<DatedAmount> flows) {
    long[] days = Xnpv.daysFromFirst(flows);
    if (days.length < 2) {
      throw new IllegalArgumentException("XIRR needs at least two cash flows, got " + days.length);
    }
    List<BigDecimal> amounts = flows.stream().map(DatedAmount::amount).toList();
    return RootSearch.solve(amounts, days, DAYS_PER_YEAR);
  }
}
