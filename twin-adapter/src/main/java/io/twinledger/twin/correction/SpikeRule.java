package io.twinledger.twin.correction;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a reading far outside its KPI's recent distribution, to hold it for review instead of
 * closing it into a period.
 *
 * <p>The distribution is summarised robustly, so that the outliers themselves barely move it: the
 * median, and the median absolute deviation (MAD) scaled by 1.4826, which makes it estimate the
 * standard deviation of normal data. A reading is a spike when it lies more than {@code deviations}
 * such units from the median. Where the KPI barely varies (a MAD near zero) the unit is at least 1
 * % of the median's size, so ordinary small changes of a steady meter are not spikes. With fewer
 * than {@code minSamples} recent readings the rule says nothing.
 *
 * @param deviations how many scaled MADs from the median make a spike, such as 10
 * @param minSamples fewest recent readings for a judgement
 */
public record SpikeRule(BigDecimal deviations, int minSamples) {

  private static final MathContext MC = MathContext.DECIMAL64;
  private static final BigDecimal MAD_TO_SIGMA = new BigDecimal("1.4826");
  private static final BigDecimal FLOOR_SHARE = new BigDecimal("0.01");

  public SpikeRule {
    if (deviations == null || deviations.signum() <= 0) {
      throw new IllegalArgumentException("deviations must be positive, was " + deviations);
    }
    if (minSamples < 3) {
      throw new IllegalArgumentException("minSamples must be at least 3, was " + minSamples);
    }
  }

  /**
   * The recent distribution summarised once, for judging every reading of a period against it;
   * empty when there are too few recent readings to say anything.
   */
  public Optional<Baseline> baseline(List<BigDecimal> recent) {
    if (recent.size() < minSamples) {
      return Optional.empty();
    }
    BigDecimal median = median(new ArrayList<>(recent));
    List<BigDecimal> deviationsFromMedian = new ArrayList<>(recent.size());
    recent.forEach(v -> deviationsFromMedian.add(v.subtract(median).abs()));
    BigDecimal unit = median(deviationsFromMedian).multiply(MAD_TO_SIGMA, MC);
    BigDecimal floor = median.abs().multiply(FLOOR_SHARE, MC);
    return Optional.of(
        new Baseline(median, unit.compareTo(floor) < 0 ? floor : unit, recent.size(), deviations));
  }

  /**
   * A KPI's recent distribution as the rule sees it.
   *
   * @param unit the scaled MAD, at least 1 % of the median's size
   * @param samples how many recent readings it summarises
   * @param limit how many units from the median make a spike
   */
  public record Baseline(BigDecimal median, BigDecimal unit, int samples, BigDecimal limit) {

    /**
     * Why {@code value} is a spike, such as {@code 99999999999 is 7.4E+8 scaled MADs from the
     * median 412 of 2688 recent readings (limit 10)}; empty when it is not.
     */
    public Optional<String> judge(BigDecimal value) {
      BigDecimal distance = value.subtract(median).abs();
      if (unit.signum() == 0) {
        return distance.signum() == 0
            ? Optional.empty()
            : Optional.of(
                value.toPlainString()
                    + " differs from the "
                    + samples
                    + " recent readings, which are all "
                    + median.toPlainString());
      }
      BigDecimal scaled = distance.divide(unit, MC);
      if (scaled.compareTo(limit) <= 0) {
        return Optional.empty();
      }
      return Optional.of(
          value.toPlainString()
              + " is "
              + scaled.round(new MathContext(3)).toPlainString()
              + " scaled MADs from the median "
              + median.round(MC).toPlainString()
              + " of "
              + samples
              + " recent readings (limit "
              + limit.toPlainString()
              + ")");
    }
  }

  private static BigDecimal median(List<BigDecimal> values) {
    values.sort(null);
    int n = values.size();
    return n % 2 == 1
        ? values.get(n / 2)
        : values.get(n / 2 - 1).add(values.get(n / 2)).divide(BigDecimal.TWO, MC);
  }
}
