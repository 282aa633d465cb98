package io.twinledger.finance.valuation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * Finds every rate in {@code [-0.99, 10]} (-99 % to 1,000 % per period) where an NPV function
 * changes sign: the NPV is evaluated on a grid (step 0.01 below -50 % and from 50 % to 200 %,
 * 0.0025 between -50 % and 50 %, 0.1 above 200 %), and each grid interval whose ends have opposite
 * signs is refined with Commons Math's {@link BrentSolver} to an absolute accuracy of 1e-13.
 *
 * <p>The search is a root search, not a valuation, so the NPV is evaluated in {@code double}
 * (relative error about 1e-16 of the largest flow); reported rates are rounded to 1e-10, well above
 * that noise. A root where the NPV touches zero without changing sign, or two roots within one grid
 * step, are not separated: the grid is the documented resolution.
 */
final class RootSearch {

  static final double LOWEST_RATE = -0.99;
  static final double HIGHEST_RATE = 10.0;
  private static final double[] GRID = grid();
  private static final int MAX_EVALUATIONS = 500;

  private RootSearch() {}

  /**
   * Solves {@code npv(rate) = 0}.
   *
   * @param amounts the cash flows in time order, for the sign checks and the note
   * @param npv the NPV as a function of the rate, in double
   */
  static RootResult solve(List<BigDecimal> amounts, DoubleUnaryOperator npv) {
    boolean anyPositive = amounts.stream().anyMatch(a -> a.signum() > 0);
    boolean anyNegative = amounts.stream().anyMatch(a -> a.signum() < 0);
    if (!anyPositive || !anyNegative) {
      return new RootResult.None(
          "the cash flows are all "
              + (anyPositive ? "non-negative" : anyNegative ? "non-positive" : "zero")
              + ": no rate makes the NPV zero; a rate needs at least one inflow and one outflow");
    }
    BrentSolver solver = new BrentSolver(1e-14, 1e-13);
    TreeSet<BigDecimal> roots = new TreeSet<>();
    double previousRate = Double.NaN;
    double previousValue = Double.NaN;
    for (double rate : GRID) {
      double value = npv.applyAsDouble(rate);
      if (!Double.isFinite(value)) {
        previousValue = Double.NaN;
        continue;
      }
      if (value == 0.0) {
        roots.add(rounded(rate));
      } else if (Double.isFinite(previousValue)
          && previousValue != 0.0
          && Math.signum(value) != Math.signum(previousValue)) {
        double root = solver.solve(MAX_EVALUATIONS, npv::applyAsDouble, previousRate, rate);
        roots.add(rounded(root));
      }
      previousRate = rate;
      previousValue = value;
    }
    if (roots.isEmpty()) {
      return new RootResult.None(
          "the NPV does not change sign for rates from -99 % to 1000 % per period");
    }
    if (roots.size() == 1) {
      return new RootResult.Unique(new Rate(roots.first()));
    }
    return new RootResult.Multiple(
        roots.stream().map(Rate::new).toList(),
        "the cash flows change sign "
            + signChanges(amounts)
            + " times, so several rates can make the NPV zero; choose by the investment's economics"
            + " (or use NPV at a stated rate)");
  }

  private static BigDecimal rounded(double rate) {
    return new BigDecimal(rate).setScale(RootResult.DECIMALS, RoundingMode.HALF_EVEN);
  }

  private static int signChanges(List<BigDecimal> amounts) {
    int changes = 0;
    int sign = 0;
    for (BigDecimal amount : amounts) {
      if (amount.signum() != 0) {
        if (sign != 0 && amount.signum() != sign) {
          changes++;
        }
        sign = amount.signum();
      }
    }
    return changes;
  }

  private static double[] grid() {
    List<Double> points = new ArrayList<>();
    addSteps(points, -99, -50, 100);
    addSteps(points, -200, 200, 400);
    addSteps(points, 50, 200, 100);
    addSteps(points, 20, 100, 10);
    points.add(HIGHEST_RATE);
    return points.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Adds {@code from/perUnit, (from+1)/perUnit, ...} up to but excluding {@code to/perUnit}. */
  private static void addSteps(List<Double> points, int from, int to, int perUnit) {
    for (int i = from; i < to; i++) {
      points.add((double) i / perUnit);
    }
  }
}
