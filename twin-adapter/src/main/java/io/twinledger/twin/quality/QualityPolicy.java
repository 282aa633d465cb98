package io.twinledger.twin.quality;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The thresholds a KPI's readings are checked against, in the KPI's canonical unit.
 *
 * @param minimum smallest physically possible value, if bounded
 * @param maximum largest physically possible value, if bounded
 * @param spikeThreshold largest plausible change between consecutive readings of one sensor
 * @param flatlineRun identical consecutive values from which a sensor is taken to be stuck (2 or
 *     more)
 * @param expectedInterval time between readings beyond which a gap is flagged
 * @param lateness delay between observation and arrival beyond which a reading is late
 * @param futureTolerance how far ahead of arrival an observation time may be (clock skew)
 */
public record QualityPolicy(
    Optional<BigDecimal> minimum,
    Optional<BigDecimal> maximum,
    Optional<BigDecimal> spikeThreshold,
    int flatlineRun,
    Duration expectedInterval,
    Duration lateness,
    Duration futureTolerance) {

  public QualityPolicy {
    Objects.requireNonNull(minimum, "minimum");
    Objects.requireNonNull(maximum, "maximum");
    Objects.requireNonNull(spikeThreshold, "spikeThreshold");
    if (minimum.isPresent() && maximum.isPresent() && minimum.get().compareTo(maximum.get()) > 0) {
      throw new IllegalArgumentException("minimum must not exceed maximum");
    }
    if (spikeThreshold.isPresent() && spikeThreshold.get().signum() <= 0) {
      throw new IllegalArgumentException("spikeThreshold must be greater than zero");
    }
    if (flatlineRun < 2) {
      throw new IllegalArgumentException("flatlineRun must be at least 2");
    }
    requirePositive(expectedInterval, "expectedInterval");
    requirePositive(lateness, "lateness");
    Objects.requireNonNull(futureTolerance, "futureTolerance");
    if (futureTolerance.isNegative()) {
      throw new IllegalArgumentException("futureTolerance must not be negative");
    }
  }

  /**
   * No range or spike limits; stuck after 12 identical values, gaps after 15 minutes, late after
   * one hour, two minutes of clock skew tolerated.
   */
  public static QualityPolicy lenient() {
    return new QualityPolicy(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        12,
        Duration.ofMinutes(15),
        Duration.ofHours(1),
        Duration.ofMinutes(2));
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
