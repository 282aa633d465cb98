package io.twinledger.twin.quality;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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
 * @param earliestObservation the earliest observation time accepted: older ones are mistakes (a
 *     clock reset to 1970, a wrong column) and would create table partitions for them
 */
public record QualityPolicy(
    Optional<BigDecimal> minimum,
    Optional<BigDecimal> maximum,
    Optional<BigDecimal> spikeThreshold,
    int flatlineRun,
    Duration expectedInterval,
    Duration lateness,
    Duration futureTolerance,
    Instant earliestObservation) {

  /** 2000-01-01T00:00:00Z: before any sensor a twin reads from. */
  public static final Instant DEFAULT_EARLIEST_OBSERVATION = Instant.parse("2000-01-01T00:00:00Z");

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
    Objects.requireNonNull(earliestObservation, "earliestObservation");
  }

  /**
   * No range or spike limits; stuck after 12 identical values, gaps after 15 minutes, late after
   * one hour, two minutes of clock skew tolerated, nothing observed before {@link
   * #DEFAULT_EARLIEST_OBSERVATION}.
   */
  public static QualityPolicy lenient() {
    return new QualityPolicy(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        12,
        Duration.ofMinutes(15),
        Duration.ofHours(1),
        Duration.ofMinutes(2),
        DEFAULT_EARLIEST_OBSERVATION);
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
