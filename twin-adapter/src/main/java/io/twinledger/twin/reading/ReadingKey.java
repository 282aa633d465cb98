package io.twinledger.twin.reading;

import java.time.Instant;

/**
 * The idempotency key of a reading: (source, sensor, observedAt). Two readings with the same key
 * are the same measurement, whatever their values; the first one accepted wins.
 */
public record ReadingKey(String source, String sensorId, Instant observedAt)
    implements Comparable<ReadingKey> {

  @Override
  public int compareTo(ReadingKey other) {
    int bySource = source.compareTo(other.source);
    if (bySource != 0) {
      return bySource;
    }
    int bySensor = sensorId.compareTo(other.sensorId);
    return bySensor != 0 ? bySensor : observedAt.compareTo(other.observedAt);
  }
}
