package io.twinledger.twin.period;

import io.twinledger.twin.reading.QualityFlag;
import io.twinledger.twin.reading.Reading;
import java.util.Objects;
import java.util.Set;

/**
 * A stored reading as a period sees it: with its quality flags and the digest of the batch that
 * holds it, which becomes the period's evidence.
 *
 * @param batchDigest lower-case hex SHA-256 of the reading's batch
 */
public record PeriodReading(Reading reading, Set<QualityFlag> flags, String batchDigest) {

  public PeriodReading {
    Objects.requireNonNull(reading, "reading");
    flags = Set.copyOf(flags);
    if (batchDigest == null || !batchDigest.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("batchDigest must be 64 lower-case hex digits");
    }
  }
}
