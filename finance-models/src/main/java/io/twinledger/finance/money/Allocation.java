package io.twinledger.finance.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Splits an amount of money pro rata to weights (token holdings, shares, notionals) so that the
 * parts add up exactly to the total, to the currency's minor unit.
 *
 * <p>Method (largest remainder, also called Hamilton's method), on whole minor units:
 *
 * <ol>
 *   <li>each part gets its exact share {@code |total| × w_i / Σw} rounded down (towards zero) to a
 *       minor unit;
 *   <li>the minor units left over (fewer than the number of parts) go one each to the parts with
 *       the largest discarded remainders; equal remainders are served in input order, so the result
 *       is deterministic;
 *   <li>for a negative total the parts of {@code |total|} are negated, so a refund is split exactly
 *       like the payment it reverses.
 * </ol>
 *
 * <p>Every part therefore differs from its exact share by less than one minor unit, and the parts
 * sum exactly to the total. The total must already be a whole number of minor units: round it first
 * with {@link Money#rounded} and the rounding mode the contract specifies; this class never picks
 * one.
 */
public final class Allocation {

  private Allocation() {}

  /**
   * Splits {@code total} pro rata to positive decimal weights.
   *
   * @param total the amount to split, a whole number of minor units, any sign
   * @param weights positive weights, in the order the parts are returned
   * @return one part per weight, in input order, summing exactly to {@code total}
   * @throws IllegalArgumentException if there are no weights, a weight is zero or negative (its
   *     position is named), or the total has more decimals than the currency's minor unit
   */
  public static List<Money> byWeights(Money total, List<BigDecimal> weights) {
    check(total, weights);
    BigInteger units = minorUnits(total);
    return money(total, units, splitUnits(units.abs(), weights, Comparator.naturalOrder()));
  }

  /**
   * Splits {@code total} pro rata to whole holdings (token balances at a record date).
   *
   * @see #byWeights(Money, List)
   */
  public static List<Money> byHoldings(Money total, long... holdings) {
    return byHoldings(total, holdings, Comparator.naturalOrder());
  }

  /**
   * Splits {@code total} pro rata to whole holdings, as {@link #byWeights}, except that equal
   * remainders are served in the order {@code ties} gives their positions (a payout serves them by
   * holder id), not by position. Computed in {@code long} arithmetic where the products fit, so a
   * million holdings take a fraction of a second; exactly as the decimal method otherwise.
   *
   * @param ties orders the positions of holdings whose remainders are equal
   * @return one part per holding, in input order, summing exactly to {@code total}
   */
  public static List<Money> byHoldings(Money total, long[] holdings, Comparator<Integer> ties) {
    Objects.requireNonNull(holdings, "holdings");
    List<BigDecimal> weights = Arrays.stream(holdings).mapToObj(BigDecimal::valueOf).toList();
    check(total, weights);
    BigInteger units = minorUnits(total);
    return money(
        total,
        units,
        longParts(units.abs(), holdings, ties)
            .orElseGet(() -> splitUnits(units.abs(), weights, ties)));
  }

  /**
   * The parts in {@code long} arithmetic, or empty when a product {@code units × holding} or the
   * sum of the holdings does not fit, for the decimal method to take over.
   */
  private static Optional<List<BigInteger>> longParts(
      BigInteger units, long[] holdings, Comparator<Integer> ties) {
    if (units.bitLength() > 62) {
      return Optional.empty();
    }
    long amount = units.longValueExact();
    long totalWeight = 0;
    for (long holding : holdings) {
      if (Long.MAX_VALUE - totalWeight < holding) {
        return Optional.empty();
      }
      totalWeight += holding;
    }
    int n = holdings.length;
    long[] parts = new long[n];
    long[] remainders = new long[n];
    long assigned = 0;
    for (int i = 0; i < n; i++) {
      if (Math.multiplyHigh(amount, holdings[i]) != 0 || amount * holdings[i] < 0) {
        return Optional.empty();
      }
      long numerator = amount * holdings[i];
      parts[i] = numerator / totalWeight;
      remainders[i] = numerator % totalWeight;
      assigned += parts[i];
    }
    long leftOver = amount - assigned;
    if (leftOver > 0) {
      // The leftOver-th largest remainder: those above it get a unit each, and of those equal to
      // it as many as remain, in the order of ties.
      long[] sorted = remainders.clone();
      Arrays.sort(sorted);
      long threshold = sorted[n - (int) leftOver];
      List<Integer> atThreshold = new ArrayList<>();
      long above = 0;
      for (int i = 0; i < n; i++) {
        if (remainders[i] > threshold) {
          parts[i]++;
          above++;
        } else if (remainders[i] == threshold) {
          atThreshold.add(i);
        }
      }
      atThreshold.sort(ties);
      for (int k = 0; k < leftOver - above; k++) {
        parts[atThreshold.get(k)]++;
      }
    }
    return Optional.of(Arrays.stream(parts).mapToObj(BigInteger::valueOf).toList());
  }

  /** Refuses what cannot be split exactly; see {@link #byWeights} for the rules. */
  private static void check(Money total, List<BigDecimal> weights) {
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(weights, "weights");
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("cannot allocate " + total + " over no weights");
    }
    for (int i = 0; i < weights.size(); i++) {
      BigDecimal weight = weights.get(i);
      if (weight == null) {
        throw new IllegalArgumentException("weight " + i + " is missing");
      }
      if (weight.signum() <= 0) {
        throw new IllegalArgumentException(
            "weight "
                + i
                + " is "
                + weight.toPlainString()
                + ": every weight must be positive (leave out holders with nothing to receive)");
      }
    }
    if (!total.isWholeMinorUnits()) {
      throw new IllegalArgumentException(
          "cannot allocate "
              + total
              + ": it is not a whole number of minor units of "
              + total.currency().getCurrencyCode()
              + "; round it first with Money.rounded and the contract's rounding mode");
    }
  }

  private static BigInteger minorUnits(Money total) {
    return total.amount().movePointRight(total.minorUnitDigits()).toBigIntegerExact();
  }

  /** The parts of {@code |units|} as money, negated for a negative total. */
  private static List<Money> money(Money total, BigInteger units, List<BigInteger> parts) {
    int digits = total.minorUnitDigits();
    List<Money> result = new ArrayList<>(parts.size());
    for (BigInteger part : parts) {
      BigInteger signed = units.signum() < 0 ? part.negate() : part;
      result.add(new Money(new BigDecimal(signed, digits), total.currency()));
    }
    return List.copyOf(result);
  }

  private static List<BigInteger> splitUnits(
      BigInteger units, List<BigDecimal> weights, Comparator<Integer> ties) {
    BigDecimal totalWeight = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal unitsDecimal = new BigDecimal(units);
    int n = weights.size();
    BigInteger[] parts = new BigInteger[n];
    // Remainders share the denominator Σw, so comparing numerators compares the exact fractions.
    BigDecimal[] remainders = new BigDecimal[n];
    BigInteger assigned = BigInteger.ZERO;
    for (int i = 0; i < n; i++) {
      BigDecimal numerator = unitsDecimal.multiply(weights.get(i));
      BigDecimal[] quotientAndRemainder = numerator.divideAndRemainder(totalWeight);
      parts[i] = quotientAndRemainder[0].toBigIntegerExact();
      remainders[i] = quotientAndRemainder[1];
      assigned = assigned.add(parts[i]);
    }
    int leftOver = units.subtract(assigned).intValueExact();
    IntStream.range(0, n)
        .boxed()
        .sorted(Comparator.comparing((Integer i) -> remainders[i]).reversed().thenComparing(ties))
        .limit(leftOver)
        .forEach(i -> parts[i] = parts[i].add(BigInteger.ONE));
    return List.of(parts);
  }
}
