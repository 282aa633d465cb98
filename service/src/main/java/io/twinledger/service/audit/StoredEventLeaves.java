package io.twinledger.service.audit;

import io.twinledger.ledger.audit.DomainEventLeaf;
import io.twinledger.ledger.audit.DomainEventSource;
import io.twinledger.ledger.store.StoredEvent;
import io.twinledger.ledger.store.StoredEvents;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The books' stored events as the audit log's leaves: the feed's view of the event store. */
final class StoredEventLeaves implements DomainEventSource {

  private final StoredEvents events;

  StoredEventLeaves(StoredEvents events) {
    this.events = events;
  }

  @Override
  public List<DomainEventLeaf> after(Connection connection, long after, int limit)
      throws SQLException {
    return events.after(connection, after, limit).stream().map(StoredEventLeaves::leaf).toList();
  }

  @Override
  public Map<Long, DomainEventLeaf> at(Connection connection, List<Long> globalIndexes)
      throws SQLException {
    Map<Long, DomainEventLeaf> leaves = new LinkedHashMap<>();
    events.at(connection, globalIndexes).forEach((index, event) -> leaves.put(index, leaf(event)));
    return leaves;
  }

  static DomainEventLeaf leaf(StoredEvent event) {
    return DomainEventLeaf.of(
        event.globalIndex(),
        event.eventIdentifier(),
        event.aggregateType().orElse(null),
        event.aggregateIdentifier(),
        event.sequenceNumber(),
        event.payloadType(),
        event.timestamp(),
        event.payload(),
        event.metaData().orElse(null));
  }
}
