package io.twinledger.twin.ingest;

import java.time.Duration;

/**
 * Quality thresholds not set per KPI in the mapping.
 *
 * @param flatlineRun identical consecutive values from which a sensor is taken to be stuck
 * @param expectedInterval time between readings beyond which a gap is flagged
 * @param lateness delay after which a reading counts as late
 * @param futureTolerance clock skew tolerated before an observation time is "in the future"
 */
public record QualityDefaults(
    int flatlineRun, Duration expectedInterval, Duration lateness, Duration futureTolerance) {

  /** Stuck after 12 identical values, gaps after 15 minutes, late after an hour, 2 min skew. */
  public static QualityDefaults standard() {
    return new QualityDefaults(
        12, Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofMinutes(2));
  }
}
