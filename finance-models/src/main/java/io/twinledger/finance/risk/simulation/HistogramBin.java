package io.twinledger.finance.risk.simulation;

import io.twinledger.finance.money.Money;
import java.util.Objects;

/**
 * One bin of the NPV histogram: paths with {@code lower ≤ NPV < upper}, the last bin also holding
 * NPV = upper. Bounds are rounded to the currency's minor unit for reporting; paths were binned on
 * the unrounded values.
 *
 * @param lower the lower bound
 * @param upper the upper bound
 * @param count the paths in the bin
 */
public record HistogramBin(Money lower, Money upper, long count) {

  public HistogramBin {
    Objects.requireNonNull(lower, "lower");
    Objects.requireNonNull(upper, "upper");
  }
}
