package io.twinledger.ledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.contracts.merkle.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DomainEventFeedTest {

  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

  private HikariDataSource dataSource;
  private AuditLog log;

  @BeforeEach
  void database() {
    dataSource = AuditDatabase.fresh();
    log = AuditLog.open(dataSource, "events");
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  private void event(long globalIndex, String aggregate, long sequence, Instant at) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO domain_event_entry (global_index, event_identifier, meta_data,"
                    + " payload, payload_type, time_stamp, aggregate_identifier, sequence_number,"
                    + " type) VALUES (?, ?, ?, ?, 'io.twinledger.X', ?, ?, ?, 'InfrastructureAsset')")) {
      insert.setLong(1, globalIndex);
      insert.setString(2, "event-" + globalIndex);
      insert.setBytes(3, "{}".getBytes());
      insert.setBytes(4, ("{\"n\":" + globalIndex + "}").getBytes());
      insert.setString(5, at.toString());
      insert.setString(6, aggregate);
      insert.setLong(7, sequence);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private DomainEventFeed feed(Instant now) {
    return new DomainEventFeed(
        dataSource,
        new EventTableSource(),
        log,
        3,
        Duration.ofMinutes(1),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void everyEventIsAppendedOnceInOrderOfGlobalIndex() {
    for (long i = 1; i <= 7; i++) {
      event(i, "a-" + (i % 2), i / 2, NOW.minusSeconds(5));
    }

    assertThat(feed(NOW).feed()).isEqualTo(7);
    assertThat(feed(NOW).feed()).isZero();
    event(8, "a-0", 4, NOW);
    assertThat(feed(NOW).feed()).isEqualTo(1);

    assertThat(log.size()).isEqualTo(8);
    for (long i = 0; i < 8; i++) {
      DomainEventLeaf leaf = (DomainEventLeaf) log.leaf(i).orElseThrow().leaf();
      assertThat(leaf.globalIndex()).isEqualTo(i + 1);
      assertThat(leaf.payloadDigest())
          .isEqualTo(Sha256.digest(("{\"n\":" + (i + 1) + "}").getBytes()));
    }
    assertThat(log.leaf(LeafKind.DOMAIN_EVENT, 5).orElseThrow().index()).isEqualTo(4);
  }

  @Test
  void aGapIsWaitedForThenPassedOverOnceItIsOld() {
    event(1, "a", 0, NOW.minusSeconds(10));
    event(3, "a", 2, NOW.minusSeconds(10));

    assertThat(feed(NOW).feed()).as("3 waits for 2").isEqualTo(1);
    event(2, "a", 1, NOW.minusSeconds(10));
    assertThat(feed(NOW).feed()).as("2 came late, and goes first").isEqualTo(2);

    event(5, "a", 4, NOW.minusSeconds(10));
    assertThat(feed(NOW).feed()).isZero();
    assertThat(feed(NOW.plusSeconds(60)).feed()).as("4 was rolled back").isEqualTo(1);
    assertThat(log.leaf(3).orElseThrow().leaf().reference()).isEqualTo(5);
  }

  @Test
  void aFailedAppendLeavesNeitherLeavesNorAMovedPosition() {
    for (long i = 1; i <= 4; i++) {
      event(i, "a", i, NOW.minusSeconds(5));
    }
    assertThatThrownBy(
            () ->
                log.append(
                    locked -> {
                      List<? extends AuditLeaf> leaves = AuditDatabase.batches(1, 2);
                      try (PreparedStatement s =
                          locked.prepareStatement(
                              "INSERT INTO audit_feed VALUES ('events', 'domain-events', 4)")) {
                        s.executeUpdate();
                      }
                      throw new IllegalStateException("crash after reading the events");
                    }))
        .hasMessage("crash after reading the events");

    assertThat(log.size()).isZero();
    assertThat(feed(NOW).feed()).isEqualTo(4);
  }

  @Test
  void aStoredPayloadChangedByOneByteIsFoundByRecomputingItsLeaf() {
    for (long i = 1; i <= 5; i++) {
      event(i, "a", i, NOW.minusSeconds(5));
    }
    DomainEventFeed feed = feed(NOW);
    feed.feed();
    assertThat(feed.changedEvents()).isEmpty();

    AuditDatabase.execute(
        dataSource,
        "UPDATE domain_event_entry SET payload = set_byte(payload, 1, get_byte(payload, 1) # 1)"
            + " WHERE global_index = 3");
    AuditDatabase.execute(dataSource, "DELETE FROM domain_event_entry WHERE global_index = 5");

    assertThat(feed.changedEvents()).containsExactly(3L, 5L);
    assertThat(new IntegrityCheck(dataSource, "events").run().intact())
        .as("the log itself is untouched")
        .isTrue();
  }
}
