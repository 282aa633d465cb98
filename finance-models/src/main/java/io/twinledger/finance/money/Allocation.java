package io.twinledger.finance.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
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
    int digits = total.minorUnitDigits();
    BigInteger units = total.amount().movePointRight(digits).toBigIntegerExact();
    List<BigInteger> parts = splitUnits(units.abs(), weights);
    List<Money> result = new ArrayList<>(parts.size());
    for (BigInteger part : parts) {
      BigInteger signed = units.signum() < 0 ? part.negate() : part;
      result.add(new Money(new BigDecimal(signed, digits), total.currency()));
    }
    return List.copyOf(result);
  }

  /**
   * Splits {@code total} pro rata to whole holdings (token balances at a record date).
   *
   * @see #byWeights(Money, List)
   */
  public static List<Money> byHoldings(Money total, long... holdings) {
    Objects.requireNonNull(holdings, "holdings");
    return byWeights(total, Arrays.stream(holdings).mapToObj(BigDecimal::valueOf).toList());
  }

  private static List<BigInteger> splitUnits(BigInteger units, List<BigDecimal> weights) {
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
        .sorted(
            Comparator.comparing((Integer i) -> remainders[i])
                .reversed()
                .thenComparing(Comparator.naturalOrder()))
        .limit(leftOver)
        .forEach(i -> parts[i] = parts[i].add(BigInteger.ONE));
    return List.of(parts);
  }
}
