package io.twinledger.ledger.store;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the event store's rows as stored: the books' interface to {@code domain_event_entry} for
 * other modules (the evidence export), so none of them runs SQL on the books' tables.
 */
public final class StoredEvents {

  private final JdbcClient jdbc;

  public StoredEvents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The events of one aggregate with one payload type, in the order they were stored. */
  public List<StoredEvent> of(String aggregateIdentifier, String payloadType) {
    return jdbc.sql(
            """
            SELECT global_index, event_identifier, type, aggregate_identifier, sequence_number,
                   payload_type, time_stamp, payload, meta_data
            FROM domain_event_entry
            WHERE aggregate_identifier = :aggregate AND payload_type = :type
            ORDER BY global_index
            """)
        .param("aggregate", aggregateIdentifier)
        .param("type", payloadType)
        .query(
            (rs, n) ->
                new StoredEvent(
                    rs.getLong(1),
                    rs.getString(2),
                    Optional.ofNullable(rs.getString(3)),
                    rs.getString(4),
                    rs.getLong(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getBytes(8),
                    Optional.ofNullable(rs.getBytes(9))))
        .list();
  }
}
