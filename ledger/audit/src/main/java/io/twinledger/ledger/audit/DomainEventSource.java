package io.twinledger.ledger.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The event store as {@link DomainEventFeed} reads it, each stored event as its leaf. The event
 * store belongs to the books; this is the interface through which the audit log reads it, so the
 * log runs no SQL on the books' tables.
 *
 * <p>Reads go through the caller's connection: the feed reads inside its locked append transaction,
 * and records its position with the leaves it appends (the event store and the log share one
 * database).
 */
public interface DomainEventSource {

  /**
   * The stored events after global index {@code after}, at most {@code limit}, in global-index
   * order.
   */
  List<DomainEventLeaf> after(Connection connection, long after, int limit) throws SQLException;

  /** The leaves of those of these global indexes whose event the store still holds, by index. */
  Map<Long, DomainEventLeaf> at(Connection connection, List<Long> globalIndexes)
      throws SQLException;
}
