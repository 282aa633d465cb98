package io.twinledger.finance.risk.simulation;

import io.twinledger.finance.money.Money;
import java.util.List;
import java.util.Objects;

/**
 * The simulated distribution of NPV. All figures are statistical estimates computed in double and
 * rounded half-even to the currency's minor unit only here, at the boundary.
 *
 * @param mean the mean NPV
 * @param standardDeviation the sample standard deviation (divisor paths − 1; zero for one path)
 * @param minimum the lowest path NPV
 * @param maximum the highest path NPV
 * @param percentiles the reported percentiles, by increasing level
 * @param histogram equal-width bins from minimum to maximum; a single bin when they are equal
 */
public record NpvDistribution(
    Money mean,
    Money standardDeviation,
    Money minimum,
    Money maximum,
    List<PercentileEstimate> percentiles,
    List<HistogramBin> histogram) {

  public NpvDistribution {
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(standardDeviation, "standardDeviation");
    Objects.requireNonNull(minimum, "minimum");
    Objects.requireNonNull(maximum, "maximum");
    percentiles = List.copyOf(percentiles);
    histogram = List.copyOf(histogram);
  }

  /** The NPV at {@code percent}, one of the reported levels. */
  public Money percentile(double percent) {
    return percentiles.stream()
        .filter(p -> p.percent() == percent)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "P" + percent + " is not reported; levels are " + percentiles))
        .value();
  }
}
