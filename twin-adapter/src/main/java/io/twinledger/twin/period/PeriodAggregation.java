package io.twinledger.twin.period;

import io.twinledger.twin.reading.DecimalText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How a period's readings combine into its value. Readings are given in observation order. {@link
 * #MEAN} divides with {@link MathContext#DECIMAL128} (34 significant digits, half-even).
 */
public enum PeriodAggregation {
  SUM,
  MEAN,
  MIN,
  MAX,
  /** The value of the last reading observed in the period. */
  LAST;

  /** The aggregate of {@code values}, empty when there are none. */
  public Optional<BigDecimal> apply(List<BigDecimal> values) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal result =
        switch (this) {
          case SUM -> values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
          case MEAN ->
              values.stream()
                  .reduce(BigDecimal.ZERO, BigDecimal::add)
                  .divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128);
          case MIN -> values.stream().min(Comparator.naturalOrder()).orElseThrow();
          case MAX -> values.stream().max(Comparator.naturalOrder()).orElseThrow();
          case LAST -> values.getLast();
        };
    return Optional.of(DecimalText.normalised(result));
  }
}
