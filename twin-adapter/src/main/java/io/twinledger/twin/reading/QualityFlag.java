package io.twinledger.twin.reading;

/**
 * What can be wrong with a reading. {@link #OUT_OF_RANGE} and {@link #FUTURE_TIMESTAMP} send a
 * reading to quarantine; the others are kept with the reading so that KPI periods can report their
 * quality.
 */
public enum QualityFlag {
  /** Outside the physically possible range of the KPI. Quarantined. */
  OUT_OF_RANGE,
  /** Jumped further from the sensor's previous value than the spike threshold allows. */
  SPIKE,
  /** The same value as the sensor's previous readings, too many times in a row: a stuck sensor. */
  FLATLINE,
  /** Longer since the sensor's previous reading than its expected interval allows. */
  GAP,
  /** Arrived long after it was observed, or before a reading the sensor already sent. */
  LATE,
  /** Observed later than it arrived, beyond clock-skew tolerance. Quarantined. */
  FUTURE_TIMESTAMP,
  /** The same (source, sensor, observedAt) was already stored; not stored again. */
  DUPLICATE
}
