package io.twinledger.ledger.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feed's source in these tests: the rows the tests write into the event store's table, read
 * back on the feed's connection. (The service reads them through the books' {@code StoredEvents}.)
 */
final class EventTableSource implements DomainEventSource {

  @Override
  public List<DomainEventLeaf> after(Connection connection, long after, int limit)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT * FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT ?")) {
      query.setLong(1, after);
      query.setInt(2, limit);
      return leaves(query);
    }
  }

  @Override
  public Map<Long, DomainEventLeaf> at(Connection connection, List<Long> globalIndexes)
      throws SQLException {
    Map<Long, DomainEventLeaf> found = new LinkedHashMap<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT * FROM domain_event_entry WHERE global_index = ANY(?)")) {
      query.setArray(1, connection.createArrayOf("bigint", globalIndexes.toArray()));
      leaves(query).forEach(leaf -> found.put(leaf.globalIndex(), leaf));
    }
    return found;
  }

  private static List<DomainEventLeaf> leaves(PreparedStatement query) throws SQLException {
    List<DomainEventLeaf> leaves = new ArrayList<>();
    try (ResultSet row = query.executeQuery()) {
      while (row.next()) {
        leaves.add(
            DomainEventLeaf.of(
                row.getLong("global_index"),
                row.getString("event_identifier"),
                row.getString("type"),
                row.getString("aggregate_identifier"),
                row.getLong("sequence_number"),
                row.getString("payload_type"),
                row.getString("time_stamp"),
                row.getBytes("payload"),
                row.getBytes("meta_data")));
      }
    }
    return leaves;
  }
}
