package io.twinledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event store's rows as other modules read them: as stored, in order, gaps and all. */
class StoredEventsTest {

  private HikariDataSource dataSource;
  private StoredEvents events;

  @BeforeEach
  void store() throws SQLException {
    dataSource = TestDatabases.migrated(2);
    events = new StoredEvents(dataSource);
    event(1, "dma-a", "io.twinledger.A", "{\"n\":1}", "{}");
    event(2, "dma-b", "io.twinledger.A", "{\"n\":2}", null);
    event(4, "dma-a", "io.twinledger.B", "{\"n\":4}", "{}");
    event(5, "dma-a", "io.twinledger.A", "{\"n\":5}", "{}");
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void anAggregatesEventsOfOneTypeInTheOrderStored() {
    List<StoredEvent> found = events.of("dma-a", "io.twinledger.A");

    assertThat(found).extracting(StoredEvent::globalIndex).containsExactly(1L, 5L);
    StoredEvent first = found.getFirst();
    assertThat(first.eventIdentifier()).isEqualTo("event-1");
    assertThat(first.aggregateType()).contains("InfrastructureAsset");
    assertThat(first.timestamp()).isEqualTo("2026-05-01T12:00:00Z");
    assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
  }

  @Test
  void afterAnIndexOnTheCallersConnectionAcrossAGap() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(events.after(connection, 1, 2))
          .extracting(StoredEvent::globalIndex)
          .containsExactly(2L, 4L);
      assertThat(events.after(connection, 5, 10)).isEmpty();
      assertThat(events.after(connection, 1, 10).getFirst().metaData()).isEmpty();
    }
  }

  @Test
  void atIndexesLeavesOutWhatTheStoreNoLongerHolds() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(events.at(connection, List.of(5L, 3L, 1L)).keySet()).containsExactly(1L, 5L);
      assertThat(events.at(connection, List.of())).isEmpty();
    }
  }

  private void event(long index, String aggregate, String type, String payload, String meta)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO domain_event_entry (global_index, event_identifier, meta_data,"
                    + " payload, payload_type, time_stamp, aggregate_identifier, sequence_number,"
                    + " type) VALUES (?, ?, ?, ?, ?, '2026-05-01T12:00:00Z', ?, ?,"
                    + " 'InfrastructureAsset')")) {
      insert.setLong(1, index);
      insert.setString(2, "event-" + index);
      insert.setBytes(3, meta == null ? null : meta.getBytes(StandardCharsets.UTF_8));
      insert.setBytes(4, payload.getBytes(StandardCharsets.UTF_8));
      insert.setString(5, type);
      insert.setString(6, aggregate);
      insert.setLong(7, index);
      insert.executeUpdate();
    }
  }
}
