package io.twinledger.finance.risk.simulation;

import io.twinledger.finance.money.Money;
import java.util.Objects;

/**
 * A percentile of the simulated NPV distribution.
 *
 * @param percent the level, such as 5 for P5 (5 % of paths fall at or below the value)
 * @param value the NPV at that level, rounded to the currency's minor unit
 */
public record PercentileEstimate(double percent, Money value) {

  public PercentileEstimate {
    Objects.requireNonNull(value, "value");
  }
}
