package io.twinledger.ledger.audit;

import io.twinledger.ledger.store.StoredEvent;
import io.twinledger.ledger.store.StoredEvents;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The books' real event store reader as the feed's source, as the service wires it. */
final class BooksEventSource implements DomainEventSource {

  private final StoredEvents events;

  BooksEventSource(DataSource dataSource) {
    this.events = new StoredEvents(dataSource);
  }

  @Override
  public List<DomainEventLeaf> after(Connection connection, long after, int limit)
      throws SQLException {
    return events.after(connection, after, limit).stream().map(BooksEventSource::leaf).toList();
  }

  @Override
  public Map<Long, DomainEventLeaf> at(Connection connection, List<Long> globalIndexes)
      throws SQLException {
    Map<Long, DomainEventLeaf> leaves = new LinkedHashMap<>();
    events.at(connection, globalIndexes).forEach((index, event) -> leaves.put(index, leaf(event)));
    return leaves;
  }

  private static DomainEventLeaf leaf(StoredEvent e) {
    return DomainEventLeaf.of(
        e.globalIndex(),
        e.eventIdentifier(),
        e.aggregateType().orElse(null),
        e.aggregateIdentifier(),
        e.sequenceNumber(),
        e.payloadType(),
        e.timestamp(),
        e.payload(),
        e.metaData().orElse(null));
  }
}
