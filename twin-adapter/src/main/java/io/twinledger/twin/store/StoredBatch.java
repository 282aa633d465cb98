package io.twinledger.twin.store;

import io.twinledger.twin.reading.ReadingBatch;
import io.twinledger.twin.reading.ReadingKey;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of storing readings.
 *
 * @param batchId the stored batch, absent when every reading was a duplicate
 * @param batch the newly stored readings and their digest, absent with {@code batchId}
 * @param duplicates keys that were already stored and were left as they were
 */
public record StoredBatch(
    Optional<Long> batchId, Optional<ReadingBatch> batch, List<ReadingKey> duplicates) {

  public StoredBatch {
    duplicates = List.copyOf(duplicates);
  }

  /** How many readings were newly stored. */
  public int storedCount() {
    return batch.map(b -> b.readings().size()).orElse(0);
  }
}
