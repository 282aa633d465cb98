package io.twinledger.finance.valuation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Payback period of periodic cash flows (the first at time 0): the time, in periods, at which the
 * cumulative flow first reaches zero. Within the period where it does, the flow is taken as spread
 * evenly, so the result is {@code (t − 1) + (−cumulative_(t−1)) / flow_t}. Computed with {@link
 * MathContext#DECIMAL128}, not rounded.
 *
 * <p>If the cumulative flow is never negative the payback is 0; if it never reaches zero again
 * there is no payback (empty). A later dip below zero does not undo the first payback.
 */
public final class Payback {

  private Payback() {}

  /** The simple (undiscounted) payback period. */
  public static Optional<BigDecimal> simple(List<BigDecimal> flows) {
    Objects.requireNonNull(flows, "flows");
    return periodsToRecover(flows);
  }

  /** The payback period of the flows discounted at {@code ratePerPeriod}: flow_t / (1+r)^t. */
  public static Optional<BigDecimal> discounted(Rate ratePerPeriod, List<BigDecimal> flows) {
    Objects.requireNonNull(flows, "flows");
    BigDecimal perPeriod =
        BigDecimal.ONE.divide(Npv.growthFactor(ratePerPeriod), MathContext.DECIMAL128);
    List<BigDecimal> discounted = new ArrayList<>(flows.size());
    BigDecimal factor = BigDecimal.ONE;
    for (BigDecimal flow : flows) {
      discounted.add(flow.multiply(factor, MathContext.DECIMAL128));
      factor = factor.multiply(perPeriod, MathContext.DECIMAL128);
    }
    return periodsToRecover(discounted);
  }

  private static Optional<BigDecimal> periodsToRecover(List<BigDecimal> flows) {
    BigDecimal cumulative = BigDecimal.ZERO;
    for (int t = 0; t < flows.size(); t++) {
      BigDecimal before = cumulative;
      cumulative = cumulative.add(flows.get(t));
      if (t == 0 && cumulative.signum() >= 0) {
        return Optional.of(BigDecimal.ZERO);
      }
      if (t > 0 && cumulative.signum() >= 0) {
        BigDecimal fraction = before.negate().divide(flows.get(t), MathContext.DECIMAL128);
        return Optional.of(BigDecimal.valueOf(t - 1).add(fraction));
      }
    }
    return Optional.empty();
  }
}
