package io.twinledger.twin.store;

import io.twinledger.twin.reading.QualityFlag;
import io.twinledger.twin.reading.Reading;
import java.util.Set;

/** A reading as stored: with its quality flags and the batch that holds it. */
public record StoredReading(Reading reading, Set<QualityFlag> flags, long batchId) {

  public StoredReading {
    flags = Set.copyOf(flags);
  }
}
