package io.twinledger.twin.store;

import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.ReadingBatch;
import java.util.List;
import java.util.Objects;

/**
 * The readings of one stored batch as they are stored now, with their flags, and the encoding the
 * batch was digested with when it was stored.
 *
 * @param readings in no particular order; empty when the batch's readings are gone
 */
public record BatchReadings(
    long batchId, ReadingBatch.Encoding encoding, List<AssessedReading> readings) {

  public BatchReadings {
    Objects.requireNonNull(encoding, "encoding");
    readings = List.copyOf(readings);
  }

  /**
   * The batch the readings make now, digested with the batch's encoding: what the audit log's leaf
   * must match if nothing was changed.
   *
   * @throws IllegalArgumentException if no readings are left or two share a key
   */
  public ReadingBatch digestedAgain() {
    return ReadingBatch.of(encoding, readings);
  }
}
