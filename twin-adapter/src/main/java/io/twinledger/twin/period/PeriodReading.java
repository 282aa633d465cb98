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
    if (!isDigest(batchDigest)) {
      throw new IllegalArgumentException("batchDigest must be 64 lower-case hex digits");
    }
  }

  /**
   * Whether {@code text} is 64 lower-case hex digits. A loop, not a regular expression: every
   * reading of a period passes here (35,040 for a year of quarter-hours when a report closes its
   * periods again), and {@code String.matches} compiles its pattern on every call.
   */
  private static boolean isDigest(String text) {
    if (text == null || text.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = text.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }
}
