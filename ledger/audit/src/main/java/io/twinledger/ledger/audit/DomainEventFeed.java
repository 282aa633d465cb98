package io.twinledger.ledger.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends every event of the event store to an audit log, once and in order of global index, as
 * {@link DomainEventLeaf}s read through a {@link DomainEventSource}.
 *
 * <p>Each {@link #feed()} reads the events after the last one it appended, inside the log's locked
 * append transaction, and records the new position ({@code audit_feed}, feed {@value #FEED}) in
 * that same transaction, so a crash neither loses nor repeats an event.
 *
 * <p><b>Gaps.</b> Global indexes come from a sequence and are committed out of order: index 8 may
 * be visible while 7 is still being written. The feed stops before such a gap and waits; a gap
 * whose next event is older than {@code gapTimeout} is taken to be a rolled-back transaction (the
 * index will never be used) and is passed over, with a log line. This is the rule Axon's own
 * gap-aware tracking applies.
 */
public final class DomainEventFeed {

  /** The feed's name in {@code audit_feed}. */
  public static final String FEED = "domain-events";

  private static final Logger log = LoggerFactory.getLogger(DomainEventFeed.class);

  /** Leaves compared with the event store per read when the events are rechecked. */
  private static final int RECHECK_BATCH = 4096;

  private final DataSource dataSource;
  private final DomainEventSource events;
  private final AuditLog auditLog;
  private final int batchSize;
  private final Duration gapTimeout;
  private final Clock clock;

  /**
   * @param dataSource the database of the event store and the log
   * @param events the event store's events, read on the log's connection
   * @param batchSize most events appended per transaction
   * @param gapTimeout how long a gap in global indexes is waited for before it is passed over
   */
  public DomainEventFeed(
      DataSource dataSource,
      DomainEventSource events,
      AuditLog auditLog,
      int batchSize,
      Duration gapTimeout,
      Clock clock) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("a batch size is at least 1: " + batchSize);
    }
    this.dataSource = dataSource;
    this.events = events;
    this.auditLog = auditLog;
    this.batchSize = batchSize;
    this.gapTimeout = gapTimeout;
    this.clock = clock;
  }

  /** Appends the events not appended yet, batch by batch; returns how many. */
  public int feed() {
    int total = 0;
    while (true) {
      Appended appended = auditLog.append(this::next);
      total += appended.count();
      if (appended.count() < batchSize) {
        return total;
      }
    }
  }

  /**
   * The global indexes of the appended events whose stored row no longer rebuilds its leaf: a
   * payload, meta data or column changed since it was appended, or the row is gone. Empty when the
   * event store still holds exactly what the log recorded.
   */
  public List<Long> changedEvents() {
    List<Long> changed = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      // One snapshot for the log's leaves and the events they are compared with.
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT reference, data FROM audit_leaf WHERE log_id = ? AND kind = ?"
                  + " ORDER BY reference")) {
        query.setString(1, auditLog.logId());
        query.setString(2, LeafKind.DOMAIN_EVENT.label());
        query.setFetchSize(RECHECK_BATCH);
        try (ResultSet row = query.executeQuery()) {
          Map<Long, byte[]> recorded = new LinkedHashMap<>();
          while (row.next()) {
            recorded.put(row.getLong(1), row.getBytes(2));
            if (recorded.size() == RECHECK_BATCH) {
              changed.addAll(changed(connection, recorded));
              recorded.clear();
            }
          }
          changed.addAll(changed(connection, recorded));
        }
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot recheck the events of " + auditLog.logId(), e);
    }
    return changed;
  }

  /** The indexes among {@code recorded} whose event is gone or no longer gives the leaf's data. */
  private List<Long> changed(Connection connection, Map<Long, byte[]> recorded)
      throws SQLException {
    if (recorded.isEmpty()) {
      return List.of();
    }
    Map<Long, DomainEventLeaf> stored = events.at(connection, new ArrayList<>(recorded.keySet()));
    List<Long> changed = new ArrayList<>();
    recorded.forEach(
        (index, data) -> {
          DomainEventLeaf now = stored.get(index);
          if (now == null || !Arrays.equals(data, now.data())) {
            changed.add(index);
          }
        });
    return changed;
  }

  private List<DomainEventLeaf> next(Connection locked) throws SQLException {
    long position = position(locked);
    List<DomainEventLeaf> leaves = new ArrayList<>();
    long expected = position + 1;
    for (DomainEventLeaf leaf : events.after(locked, position, batchSize)) {
      if (leaf.globalIndex() != expected && !gapClosed(expected, leaf)) {
        break;
      }
      leaves.add(leaf);
      expected = leaf.globalIndex() + 1;
    }
    if (!leaves.isEmpty()) {
      advance(locked, leaves.getLast().globalIndex());
    }
    return leaves;
  }

  private boolean gapClosed(long missing, DomainEventLeaf after) {
    Instant written;
    try {
      written = Instant.parse(after.timestamp());
    } catch (DateTimeParseException e) {
      written = Instant.EPOCH;
    }
    if (written.plus(gapTimeout).isAfter(clock.instant())) {
      return false;
    }
    log.warn(
        "Audit log {}: domain events {} to {} never appeared within {}; passing over them",
        auditLog.logId(),
        missing,
        after.globalIndex() - 1,
        gapTimeout);
    return true;
  }

  private long position(Connection locked) throws SQLException {
    try (PreparedStatement query =
        locked.prepareStatement("SELECT position FROM audit_feed WHERE log_id = ? AND feed = ?")) {
      query.setString(1, auditLog.logId());
      query.setString(2, FEED);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getLong(1) : 0;
      }
    }
  }

  private void advance(Connection locked, long position) throws SQLException {
    try (PreparedStatement upsert =
        locked.prepareStatement(
            "INSERT INTO audit_feed (log_id, feed, position) VALUES (?, ?, ?)"
                + " ON CONFLICT (log_id, feed) DO UPDATE SET position = EXCLUDED.position")) {
      upsert.setString(1, auditLog.logId());
      upsert.setString(2, FEED);
      upsert.setLong(3, position);
      upsert.executeUpdate();
    }
  }
}
