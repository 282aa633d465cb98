package io.twinledger.service.audit;

import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.ledger.audit.AuditLeaf;
import io.twinledger.ledger.audit.LeafKind;
import io.twinledger.ledger.audit.LeafScan;
import io.twinledger.ledger.audit.ReadingBatchLeaf;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.twin.reading.ReadingBatch;
import io.twinledger.twin.store.BatchReadings;
import io.twinledger.twin.store.ReadingStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The records behind the audit log's leaves, rebuilt as they are stored now: what {@link LeafScan}
 * compares with the leaves the log took in. The leaf of a reading batch is built here for the feed
 * too, so both build it the same way.
 */
final class StoredRecords {

  private StoredRecords() {}

  /** The leaf of a stored batch: its id, its readings' source and count, their digest. */
  static ReadingBatchLeaf leaf(long batchId, ReadingBatch batch) {
    return new ReadingBatchLeaf(
        batchId, batch.source(), batch.readings().size(), Sha256.of(batch.digest()));
  }

  /** Reading batches, each digested again from its stored readings. */
  static final class Batches implements LeafScan.Records {
    private final ReadingStore readings;

    Batches(ReadingStore readings) {
      this.readings = readings;
    }

    @Override
    public LeafKind kind() {
      return LeafKind.READING_BATCH;
    }

    @Override
    public List<LeafScan.Rebuilt> after(long after, int limit) {
      List<LeafScan.Rebuilt> rebuilt = new ArrayList<>();
      for (long batchId : readings.batchIdsAfter(after, limit)) {
        rebuilt.add(new LeafScan.Rebuilt(batchId, rebuild(readings, batchId)));
      }
      return rebuilt;
    }
  }

  /**
   * Empty when the batch's readings are gone or no longer make a batch: none left, two with one
   * key, or a flag no version of the service writes.
   */
  private static Optional<AuditLeaf> rebuild(ReadingStore readings, long batchId) {
    try {
      Optional<BatchReadings> stored = readings.readingsOf(batchId);
      return stored.isEmpty() || stored.get().readings().isEmpty()
          ? Optional.empty()
          : Optional.of(leaf(batchId, stored.get().digestedAgain()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Domain events, each leaf built again from its stored row. */
  static final class Events implements LeafScan.Records {
    private final StoredEvents events;
    private final DataSource dataSource;

    Events(StoredEvents events, DataSource dataSource) {
      this.events = events;
      this.dataSource = dataSource;
    }

    @Override
    public LeafKind kind() {
      return LeafKind.DOMAIN_EVENT;
    }

    @Override
    public List<LeafScan.Rebuilt> after(long after, int limit) {
      try (Connection connection = dataSource.getConnection()) {
        return events.after(connection, after, limit).stream()
            .map(
                e ->
                    new LeafScan.Rebuilt(
                        e.globalIndex(), Optional.<AuditLeaf>of(StoredEventLeaves.leaf(e))))
            .toList();
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot read stored events", e);
      }
    }
  }
}
