package io.twinledger.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads the event store's rows as stored: the books' interface to {@code domain_event_entry} for
 * other modules (the audit log's event feed, the evidence export), so none of them runs SQL on the
 * books' tables. Reads that take a {@link Connection} run on the caller's, inside its transaction.
 */
public final class StoredEvents {

  private static final String COLUMNS =
      "SELECT global_index, event_identifier, type, aggregate_identifier, sequence_number,"
          + " payload_type, time_stamp, payload, meta_data FROM domain_event_entry";

  private final DataSource dataSource;

  public StoredEvents(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The events of one aggregate with one payload type, in the order they were stored. */
  public List<StoredEvent> of(String aggregateIdentifier, String payloadType) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                COLUMNS
                    + " WHERE aggregate_identifier = ? AND payload_type = ?"
                    + " ORDER BY global_index")) {
      query.setString(1, aggregateIdentifier);
      query.setString(2, payloadType);
      return read(query);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot read the " + payloadType + " events of " + aggregateIdentifier, e);
    }
  }

  /**
   * The events stored after global index {@code after}, at most {@code limit}, in global-index
   * order, read on {@code connection}.
   */
  public List<StoredEvent> after(Connection connection, long after, int limit) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            COLUMNS + " WHERE global_index > ? ORDER BY global_index LIMIT ?")) {
      query.setLong(1, after);
      query.setInt(2, limit);
      return read(query);
    }
  }

  /**
   * The events still stored at these global indexes, by index, read on {@code connection}; an index
   * the store no longer holds is absent.
   */
  public Map<Long, StoredEvent> at(Connection connection, List<Long> globalIndexes)
      throws SQLException {
    Map<Long, StoredEvent> found = new LinkedHashMap<>();
    if (globalIndexes.isEmpty()) {
      return found;
    }
    try (PreparedStatement query =
        connection.prepareStatement(
            COLUMNS + " WHERE global_index = ANY(?) ORDER BY global_index")) {
      query.setArray(1, connection.createArrayOf("bigint", globalIndexes.toArray()));
      for (StoredEvent event : read(query)) {
        found.put(event.globalIndex(), event);
      }
    }
    return found;
  }

  /**
   * The events still stored at these global indexes, by index, as {@link #at(Connection, List)}.
   */
  public Map<Long, StoredEvent> at(List<Long> globalIndexes) {
    try (Connection connection = dataSource.getConnection()) {
      return at(connection, globalIndexes);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the events at " + globalIndexes, e);
    }
  }

  private static List<StoredEvent> read(PreparedStatement query) throws SQLException {
    List<StoredEvent> events = new ArrayList<>();
    try (ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        events.add(
            new StoredEvent(
                rs.getLong(1),
                rs.getString(2),
                Optional.ofNullable(rs.getString(3)),
                rs.getString(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getString(7),
                rs.getBytes(8),
                Optional.ofNullable(rs.getBytes(9))));
      }
    }
    return events;
  }
}
