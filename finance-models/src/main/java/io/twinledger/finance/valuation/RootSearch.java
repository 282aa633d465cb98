package io.twinledger.finance.valuation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds every rate above -100 % at which an NPV is zero, for {@link Irr} and {@link Xirr}.
 *
 * <p>An NPV is a polynomial in the discount factor: with flows {@code a_i} at whole times {@code
 * d_i} (periods for IRR, days for XIRR) and {@code u} time units per rate period (1 for IRR, 365
 * for XIRR), {@code Σ a_i (1 + r)^(-d_i / u) = P(z) = Σ a_i z^(d_i)} with {@code z = (1 +
 * r)^(-1/u)}. Rates above -100 % are exactly the positive z, and {@code r = z^(-u) - 1}. Flows at
 * the same time are added up exactly first. {@link PositiveRoots} then finds all positive roots of
 * P, however close together, with Descartes' rule of signs (at most V roots, V the sign changes of
 * the net flows) and Rolle's theorem, refining each with Commons Math's Brent solver.
 *
 * <p>The search is a root search, not a valuation, so P is evaluated in {@code double} (relative
 * error about 1e-16 of the largest discounted flow); roots are refined to a relative accuracy of
 * 1e-15 in {@code ln z} and reported rounded to 1e-10. A root where the NPV only touches zero is
 * reported when the NPV there is zero to within that rounding error. Flows that change sign more
 * than {@value PositiveRoots#MAX_SIGN_CHANGES} times are not searched, and rates above 1e308 or
 * within 5e-11 of -100 % (which would round to -100 %) are not reported; the answer says so.
 */
final class RootSearch {

  private static final BigDecimal MINUS_ONE = BigDecimal.ONE.negate();

  /** Rates that a 10-decimal {@link Rate} cannot carry. */
  private static final String UNREPORTABLE =
      "above 1e308 or within 5e-11 of -100 % (which rounds to -100 %)";

  private RootSearch() {}

  /**
   * Solves {@code Σ amounts_i (1 + rate)^(-times_i / unitsPerPeriod) = 0}.
   *
   * @param amounts the cash flows in time order
   * @param times the time of each flow in whole units from the first, not decreasing
   * @param unitsPerPeriod time units per period of the rate: 1 for IRR, 365 for XIRR
   */
  static RootResult solve(List<BigDecimal> amounts, long[] times, int unitsPerPeriod) {
    boolean anyPositive = amounts.stream().anyMatch(a -> a.signum() > 0);
    boolean anyNegative = amounts.stream().anyMatch(a -> a.signum() < 0);
    if (!anyPositive || !anyNegative) {
      return new RootResult.None(
          "the cash flows are all "
              + (anyPositive ? "non-negative" : anyNegative ? "non-positive" : "zero")
              + ": no rate makes the NPV zero; a rate needs at least one inflow and one outflow");
    }
    TreeMap<Long, BigDecimal> netFlows = new TreeMap<>();
    for (int i = 0; i < amounts.size(); i++) {
      netFlows.merge(times[i], amounts.get(i), BigDecimal::add);
    }
    netFlows.values().removeIf(amount -> amount.signum() == 0);
    PositiveRoots polynomial =
        PositiveRoots.of(
            netFlows.keySet().stream().mapToLong(Long::longValue).toArray(),
            netFlows.values().stream().mapToDouble(BigDecimal::doubleValue).toArray());
    int signChanges = polynomial.signChanges();
    if (signChanges == 0) {
      return new RootResult.None(
          netFlows.isEmpty()
              ? "the flows at each time add up to zero: the NPV is zero at every rate, so no rate"
                  + " is determined"
              : "the net flows at each time never change sign: no rate makes the NPV zero");
    }
    if (signChanges > PositiveRoots.MAX_SIGN_CHANGES) {
      return new RootResult.None(
          "the cash flows change sign "
              + signChanges
              + " times; rates are searched only for flows that change sign at most "
              + PositiveRoots.MAX_SIGN_CHANGES
              + " times");
    }
    TreeSet<BigDecimal> rates = new TreeSet<>();
    int unreportable = 0;
    for (double logDiscount : polynomial.logRoots()) {
      double rate = Math.expm1(-unitsPerPeriod * logDiscount);
      BigDecimal rounded =
          Double.isFinite(rate)
              ? new BigDecimal(rate).setScale(RootResult.DECIMALS, RoundingMode.HALF_EVEN)
              : null;
      if (rounded == null || rounded.compareTo(MINUS_ONE) <= 0) {
        unreportable++;
      } else {
        rates.add(rounded);
      }
    }
    String unreported =
        unreportable == 0
            ? ""
            : "; "
                + unreportable
                + " more rate(s) "
                + UNREPORTABLE
                + " make the NPV zero too but cannot be reported";
    if (rates.isEmpty()) {
      return new RootResult.None(
          unreportable == 0
              ? "the NPV is not zero at any rate above -100 %"
              : "the NPV is zero only at rates " + UNREPORTABLE + ", which cannot be reported");
    }
    if (rates.size() == 1 && unreportable == 0) {
      return new RootResult.Unique(new Rate(rates.first()));
    }
    return new RootResult.Multiple(
        rates.stream().map(Rate::new).toList(),
        "the cash flows change sign "
            + signChanges
            + " times, so several rates can make the NPV zero; choose by the investment's economics"
            + " (or use NPV at a stated rate)"
            + unreported);
  }
}
