package io.twinledger.finance.bond.terms;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One tier of an {@link OutcomeTiers} feature: a range of the KPI's value and what it pays. A
 * missing bound leaves the range open on that side; each bound says whether it is part of the
 * range, so "more than 41.3 %" is {@code lower 0.413, lowerInclusive false}.
 *
 * @param lower the lower bound, or empty for no lower bound
 * @param lowerInclusive whether a value equal to {@code lower} is in the tier (false without one)
 * @param upper the upper bound, or empty for no upper bound
 * @param upperInclusive whether a value equal to {@code upper} is in the tier (false without one)
 * @param amount what the tier pays, per the whole face, not negative
 * @param payer who pays it; the other party receives it
 */
public record Tier(
    Optional<BigDecimal> lower,
    boolean lowerInclusive,
    Optional<BigDecimal> upper,
    boolean upperInclusive,
    BigDecimal amount,
    Party payer) {

  public Tier {
    Objects.requireNonNull(lower, "lower");
    Objects.requireNonNull(upper, "upper");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(payer, "payer");
  }

  /** Whether {@code value} is in this tier's range. */
  public boolean contains(BigDecimal value) {
    boolean aboveLower =
        lower
            .map(l -> lowerInclusive ? value.compareTo(l) >= 0 : value.compareTo(l) > 0)
            .orElse(true);
    boolean belowUpper =
        upper
            .map(u -> upperInclusive ? value.compareTo(u) <= 0 : value.compareTo(u) < 0)
            .orElse(true);
    return aboveLower && belowUpper;
  }

  /**
   * Whether some value lies in both ranges. The greater lower bound and the smaller upper bound
   * enclose the common values; where they are equal, the point is common only if every bound there
   * includes it ([0.186 .. ) and (.. 0.186) share nothing, [0.186 .. ) and (.. 0.186] share 0.186).
   */
  public boolean overlaps(Tier other) {
    Bound low = Bound.greaterLower(lowerBound(), other.lowerBound());
    Bound high = Bound.smallerUpper(upperBound(), other.upperBound());
    if (low.value().isEmpty() || high.value().isEmpty()) {
      return true;
    }
    int comparison = low.value().get().compareTo(high.value().get());
    return comparison < 0 || (comparison == 0 && low.inclusive() && high.inclusive());
  }

  /** The range in interval notation, such as {@code (0.413, ∞)}. */
  public String range() {
    return (lowerInclusive ? "[" : "(")
        + lower.map(BigDecimal::toPlainString).orElse("-∞")
        + ", "
        + upper.map(BigDecimal::toPlainString).orElse("∞")
        + (upperInclusive ? "]" : ")");
  }

  private Bound lowerBound() {
    return new Bound(lower, lowerInclusive);
  }

  private Bound upperBound() {
    return new Bound(upper, upperInclusive);
  }

  /** A bound; an empty value is infinite. */
  private record Bound(Optional<BigDecimal> value, boolean inclusive) {

    static Bound greaterLower(Bound a, Bound b) {
      return tighter(a, b, 1);
    }

    static Bound smallerUpper(Bound a, Bound b) {
      return tighter(a, b, -1);
    }

    /** The tighter of two bounds, {@code direction} 1 for lower bounds and -1 for upper bounds. */
    private static Bound tighter(Bound a, Bound b, int direction) {
      if (a.value.isEmpty()) {
        return b;
      }
      if (b.value.isEmpty()) {
        return a;
      }
      int comparison = a.value.get().compareTo(b.value.get()) * direction;
      if (comparison == 0) {
        return new Bound(a.value, a.inclusive && b.inclusive);
      }
      return comparison > 0 ? a : b;
    }
  }
}
