package io.twinledger.twin.ingest;

import io.twinledger.twin.quality.QualityPolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * Quality thresholds not set per KPI in the mapping.
 *
 * @param flatlineRun identical consecutive values from which a sensor is taken to be stuck
 * @param expectedInterval time between readings beyond which a gap is flagged
 * @param lateness delay after which a reading counts as late
 * @param futureTolerance clock skew tolerated before an observation time is "in the future"
 * @param earliestObservation readings observed before it are quarantined
 */
public record QualityDefaults(
    int flatlineRun,
    Duration expectedInterval,
    Duration lateness,
    Duration futureTolerance,
    Instant earliestObservation) {

  /**
   * Stuck after 12 identical values, gaps after 15 minutes, late after an hour, 2 min skew, nothing
   * before {@link QualityPolicy#DEFAULT_EARLIEST_OBSERVATION}.
   */
  public static QualityDefaults standard() {
    return new QualityDefaults(
        12,
        Duration.ofMinutes(15),
        Duration.ofHours(1),
        Duration.ofMinutes(2),
        QualityPolicy.DEFAULT_EARLIEST_OBSERVATION);
  }

  /** These defaults with another earliest observation time. */
  public QualityDefaults withEarliestObservation(Instant earliest) {
    return new QualityDefaults(flatlineRun, expectedInterval, lateness, futureTolerance, earliest);
  }
}
