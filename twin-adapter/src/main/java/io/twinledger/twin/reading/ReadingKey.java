package io.twinledger.twin.reading;

import java.time.Instant;
import java.util.Comparator;

/**
 * The idempotency key of a reading: (source, sensor, observedAt). Two readings with the same key
 * are the same measurement, whatever their values; the first one accepted wins.
 */
public record ReadingKey(String source, String sensorId, Instant observedAt)
    implements Comparable<ReadingKey> {

  private static final Comparator<ReadingKey> ORDER =
      Comparator.comparing(ReadingKey::source)
          .thenComparing(ReadingKey::sensorId)
          .thenComparing(ReadingKey::observedAt);

  @Override
  public int compareTo(ReadingKey other) {
    return ORDER.compare(this, other);
  }
}
