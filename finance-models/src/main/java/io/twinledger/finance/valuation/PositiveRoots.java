package io.twinledger.finance.valuation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * The positive real roots of a sparse polynomial {@code P(z) = Σ c_i z^(d_i)} with whole exponents
 * {@code d_0 < d_1 < ...}: every root, however close to another, isolated by Descartes' rule of
 * signs and Rolle's theorem instead of a grid. An NPV is such a polynomial in the discount factor
 * (see {@link RootSearch}).
 *
 * <p>The isolation, with V the number of sign changes of the coefficients:
 *
 * <ul>
 *   <li>Descartes: P has at most V positive roots (with multiplicity). V = 0: none.
 *   <li>Otherwise pick the first term {@code j} after a sign change. {@code z^(-d_j) P(z)} has the
 *       same positive roots, and its derivative is {@code z^(-d_j - 1) Q(z)} with {@code Q(z) = Σ
 *       c_i (d_i - d_j) z^(d_i)}: term j drops out and exactly one sign change goes, so Q has V -
 *       1. The positive roots of Q are found the same way (recursively, V levels deep).
 *   <li>Rolle: between consecutive roots of Q, {@code z^(-d_j) P} is strictly monotone, so it has
 *       at most one root there, and it has one exactly when its sign differs at the two ends. The
 *       outermost intervals end at bounds beyond which the first or the last term outweighs all the
 *       others together, so their signs are known. Each sign change is refined with Commons Math's
 *       {@link BrentSolver}.
 *   <li>A root of Q where P is zero to within the rounding error of its evaluation is a root where
 *       P touches zero without changing sign (a double root); it is reported too.
 * </ul>
 *
 * <p>The work is done in {@code v = ln z}, so that roots near 0 and near infinity are found alike,
 * and P is evaluated in {@code double} by Horner's rule scaled by {@code z^(-d_0)} for {@code z ≤
 * 1} and by {@code z^(-d_max)} above (the same sign as P, and no overflow). Brent stops at a
 * relative accuracy of 1e-15 in {@code v}. Roots that lie closer together than the evaluation's
 * rounding error can separate are reported as one.
 */
final class PositiveRoots {

  /** The most sign changes searched: the recursion is this deep and holds a polynomial a level. */
  static final int MAX_SIGN_CHANGES = 200;

  private static final double UNIT_ROUNDOFF = 0x1.0p-53;
  private static final int MAX_EVALUATIONS = 500;
  private static final BrentSolver SOLVER = new BrentSolver(1e-15, 1e-18);

  private final long[] exponents;
  private final double[] coefficients;
  private final long[] distinctGaps;
  private final int[] gapIndex;

  private PositiveRoots(long[] exponents, double[] coefficients) {
    this.exponents = exponents;
    this.coefficients = coefficients;
    this.distinctGaps =
        IntStream.range(1, exponents.length)
            .mapToLong(i -> exponents[i] - exponents[i - 1])
            .distinct()
            .sorted()
            .toArray();
    this.gapIndex = new int[exponents.length];
    for (int i = 1; i < exponents.length; i++) {
      gapIndex[i] = Arrays.binarySearch(distinctGaps, exponents[i] - exponents[i - 1]);
    }
  }

  /**
   * The polynomial with these terms. Zero coefficients are dropped; the others are scaled so that
   * the largest magnitude is 1, which changes no root.
   *
   * @param exponents whole exponents, strictly increasing
   * @param coefficients finite coefficients, one per exponent
   */
  static PositiveRoots of(long[] exponents, double[] coefficients) {
    if (exponents.length != coefficients.length) {
      throw new IllegalArgumentException("one coefficient per exponent is needed");
    }
    double largest = 0;
    for (int i = 0; i < exponents.length; i++) {
      if (i > 0 && exponents[i] <= exponents[i - 1]) {
        throw new IllegalArgumentException("exponents must be strictly increasing");
      }
      if (!Double.isFinite(coefficients[i])) {
        throw new IllegalArgumentException("coefficient " + i + " is not finite");
      }
      largest = Math.max(largest, Math.abs(coefficients[i]));
    }
    int kept = 0;
    long[] d = new long[exponents.length];
    double[] c = new double[exponents.length];
    for (int i = 0; i < exponents.length; i++) {
      double scaled = largest == 0 ? 0 : coefficients[i] / largest;
      if (scaled != 0) {
        d[kept] = exponents[i];
        c[kept] = scaled;
        kept++;
      }
    }
    return new PositiveRoots(Arrays.copyOf(d, kept), Arrays.copyOf(c, kept));
  }

  /** The number of non-zero terms. */
  int terms() {
    return coefficients.length;
  }

  /** V, the number of sign changes of the coefficients: Descartes' bound on the positive roots. */
  int signChanges() {
    int changes = 0;
    for (int i = 1; i < coefficients.length; i++) {
      if (Math.signum(coefficients[i]) != Math.signum(coefficients[i - 1])) {
        changes++;
      }
    }
    return changes;
  }

  /**
   * The positive roots as {@code v = ln z}, ascending.
   *
   * @throws IllegalStateException if there are more than {@link #MAX_SIGN_CHANGES} sign changes
   */
  List<Double> logRoots() {
    int changes = signChanges();
    if (changes == 0) {
      return List.of();
    }
    if (changes > MAX_SIGN_CHANGES) {
      throw new IllegalStateException(
          changes + " sign changes; at most " + MAX_SIGN_CHANGES + " are searched");
    }
    int pivot = 1;
    while (Math.signum(coefficients[pivot]) == Math.signum(coefficients[pivot - 1])) {
      pivot++;
    }
    double lower = lowerBound();
    double upper = upperBound();
    List<Double> points = new ArrayList<>();
    points.add(lower);
    for (double critical : derived(pivot).logRoots()) {
      if (critical > lower && critical < upper) {
        points.add(critical);
      }
    }
    points.add(upper);

    List<Double> roots = new ArrayList<>();
    int[] signs = new int[points.size()];
    signs[0] = (int) Math.signum(coefficients[0]);
    signs[signs.length - 1] = (int) Math.signum(coefficients[coefficients.length - 1]);
    for (int k = 1; k < signs.length - 1; k++) {
      double v = points.get(k);
      Evaluation value = evaluate(v);
      if (Math.abs(value.value()) <= value.errorBound()) {
        roots.add(v);
      } else {
        signs[k] = (int) Math.signum(value.value());
      }
    }
    for (int k = 0; k + 1 < signs.length; k++) {
      if (signs[k] * signs[k + 1] < 0) {
        roots.add(
            SOLVER.solve(
                MAX_EVALUATIONS, v -> evaluate(v).value(), points.get(k), points.get(k + 1)));
      }
    }
    roots.sort(Double::compare);
    return roots;
  }

  /**
   * {@code Q(z) = Σ c_i (d_i - d_j) z^(d_i)}: the derivative of {@code z^(-d_j) P(z)} times {@code
   * z^(d_j + 1)}, without term j.
   */
  private PositiveRoots derived(int pivot) {
    double[] c = new double[coefficients.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = coefficients[i] * (double) (exponents[i] - exponents[pivot]);
    }
    return of(exponents, c);
  }

  /**
   * Below this {@code v}, the first term outweighs the others: for {@code z ≤ 1}, {@code |Σ_{i>0}
   * c_i z^(d_i)| ≤ S z^(d_1)} with {@code S = Σ_{i>0} |c_i|}, less than {@code |c_0| z^(d_0)} once
   * {@code z^(d_1 - d_0) < |c_0| / S}. One more unit of {@code v} makes the margin a factor e.
   */
  private double lowerBound() {
    double others = 0;
    for (int i = 1; i < coefficients.length; i++) {
      others += Math.abs(coefficients[i]);
    }
    double gap = exponents[1] - exponents[0];
    return Math.min(0, Math.log(Math.abs(coefficients[0]) / others) / gap) - 1;
  }

  /**
   * Above this {@code v}, the last term outweighs the others (the mirror of {@link #lowerBound}).
   */
  private double upperBound() {
    int last = coefficients.length - 1;
    double others = 0;
    for (int i = 0; i < last; i++) {
      others += Math.abs(coefficients[i]);
    }
    double gap = exponents[last] - exponents[last - 1];
    return Math.max(0, Math.log(others / Math.abs(coefficients[last])) / gap) + 1;
  }

  /**
   * P at {@code z = e^v}, scaled by a positive factor: {@code z^(-d_0)} for {@code v ≤ 0} (Horner
   * from the highest power, every power of z at most 1) and {@code z^(-d_max)} above (Horner in
   * {@code 1/z} from the lowest power). Both equal P(1) at {@code v = 0}, so the scaled value is
   * continuous. The error bound covers Horner's rounding (about 2 units in the last place per term)
   * and the rounding of {@code v × gap} in each power, relative to the sum of the terms'
   * magnitudes.
   */
  private Evaluation evaluate(double v) {
    int n = coefficients.length;
    double step = v <= 0 ? v : -v;
    double[] powers = new double[distinctGaps.length];
    for (int g = 0; g < powers.length; g++) {
      powers[g] = Math.exp(step * distinctGaps[g]);
    }
    double value;
    double magnitude;
    if (v <= 0) {
      value = coefficients[n - 1];
      magnitude = Math.abs(value);
      for (int i = n - 2; i >= 0; i--) {
        double power = powers[gapIndex[i + 1]];
        value = value * power + coefficients[i];
        magnitude = magnitude * power + Math.abs(coefficients[i]);
      }
    } else {
      value = coefficients[0];
      magnitude = Math.abs(value);
      for (int i = 1; i < n; i++) {
        double power = powers[gapIndex[i]];
        value = value * power + coefficients[i];
        magnitude = magnitude * power + Math.abs(coefficients[i]);
      }
    }
    double span = exponents[n - 1] - exponents[0];
    double bound = UNIT_ROUNDOFF * magnitude * (4.0 * n + 8 + 2 * Math.abs(v) * span);
    return new Evaluation(value, bound);
  }

  private record Evaluation(double value, double errorBound) {}
}
