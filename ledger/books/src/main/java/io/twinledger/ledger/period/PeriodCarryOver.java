package io.twinledger.ledger.period;

import io.twinledger.ledger.asset.api.KpiPeriodClosed;
import io.twinledger.ledger.asset.api.PeriodStreams;
import io.twinledger.ledger.period.api.KpiPeriodCarriedOver;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;

/**
 * Carries the periods closed before periods had streams of their own from the asset streams into
 * their series: for every {@code KpiPeriodClosed} on an asset's stream, a {@link
 * KpiPeriodCarriedOver} at the end of the series of its asset and KPI, in the order of the asset's
 * stream, so that a series holds its whole history and {@link KpiPeriodSeries} knows every
 * revision.
 *
 * <p>Stored events are never changed or moved: the audit log has a leaf for each, and its integrity
 * check re-derives the leaves from the store. The originals stay on the asset streams; the copies
 * are new events, with leaves of their own.
 *
 * <p>Run before the period job records periods. It is idempotent and safe to stop at any point: a
 * copy's event identifier is derived from its original's ({@link #copyId}), so the originals still
 * to carry are those whose copy the store does not hold, and each series is extended in one
 * transaction. A run after everything was carried reads only event identifiers: the originals' and
 * their copies'.
 */
public final class PeriodCarryOver {

  /** The aggregate type Axon records for the series' events: the aggregate's simple name. */
  static final String SERIES_TYPE = KpiPeriodSeries.class.getSimpleName();

  private final DataSource dataSource;
  private final EventStorageEngine engine;
  private final TransactionManager transactions;

  public PeriodCarryOver(
      DataSource dataSource, EventStorageEngine engine, TransactionManager transactions) {
    this.dataSource = dataSource;
    this.engine = engine;
    this.transactions = transactions;
  }

  /** Carries every period not carried yet; returns how many were carried. */
  public int run() {
    int carried = 0;
    for (Map.Entry<String, Map<String, Long>> asset : uncarried().entrySet()) {
      carried += carry(asset.getKey(), asset.getValue());
    }
    return carried;
  }

  /**
   * The identifier of the copy of the event {@code originalId}: a name-based UUID, the same in
   * every run.
   */
  static String copyId(String originalId) {
    return UUID.nameUUIDFromBytes(
            ("KpiPeriodCarriedOver " + originalId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Per asset, the originals without a copy: their global index by event identifier. */
  private Map<String, Map<String, Long>> uncarried() {
    Map<String, Map<String, Long>> byAsset = new LinkedHashMap<>();
    Map<String, String> assetOf = new LinkedHashMap<>();
    Map<String, Long> indexOf = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection()) {
      // Only asset streams: a series id holds a slash, an asset id never does (PeriodStreams).
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT event_identifier, aggregate_identifier, global_index FROM domain_event_entry"
                  + " WHERE payload_type = ? AND aggregate_identifier NOT LIKE '%/%'"
                  + " ORDER BY global_index")) {
        query.setString(1, KpiPeriodClosed.class.getName());
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            assetOf.put(rs.getString(1), rs.getString(2));
            indexOf.put(rs.getString(1), rs.getLong(3));
          }
        }
      }
      Set<String> copied = copied(connection, assetOf.keySet());
      assetOf.forEach(
          (eventId, assetId) -> {
            if (!copied.contains(copyId(eventId))) {
              byAsset
                  .computeIfAbsent(assetId, a -> new LinkedHashMap<>())
                  .put(eventId, indexOf.get(eventId));
            }
          });
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot find the KPI periods on asset streams", e);
    }
    return byAsset;
  }

  private static Set<String> copied(Connection connection, Set<String> originalIds)
      throws SQLException {
    Set<String> copied = new HashSet<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT event_identifier FROM domain_event_entry WHERE event_identifier = ANY(?)")) {
      query.setArray(
          1,
          connection.createArrayOf(
              "varchar", originalIds.stream().map(PeriodCarryOver::copyId).toArray()));
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          copied.add(rs.getString(1));
        }
      }
    }
    return copied;
  }

  /** Carries the asset's originals named in {@code globalIndexes}, one series at a time. */
  private int carry(String assetId, Map<String, Long> globalIndexes) {
    Map<String, List<DomainEventMessage<?>>> bySeries = new LinkedHashMap<>();
    try (Stream<? extends DomainEventMessage<?>> stream =
        engine.readEvents(assetId, 0L).asStream()) {
      stream
          .filter(m -> globalIndexes.containsKey(m.getIdentifier()))
          .filter(m -> m.getPayload() instanceof KpiPeriodClosed)
          .forEach(
              m ->
                  bySeries
                      .computeIfAbsent(
                          PeriodStreams.seriesId(
                              assetId, ((KpiPeriodClosed) m.getPayload()).kpiId()),
                          s -> new ArrayList<>())
                      .add(m));
    }
    int carried = 0;
    for (Map.Entry<String, List<DomainEventMessage<?>>> series : bySeries.entrySet()) {
      transactions.executeInTransaction(
          () -> append(series.getKey(), series.getValue(), globalIndexes));
      carried += series.getValue().size();
    }
    return carried;
  }

  private void append(
      String seriesId, List<DomainEventMessage<?>> originals, Map<String, Long> globalIndexes) {
    long next = engine.lastSequenceNumberFor(seriesId).map(last -> last + 1).orElse(0L);
    Instant now = Instant.now();
    List<DomainEventMessage<?>> copies = new ArrayList<>(originals.size());
    for (DomainEventMessage<?> original : originals) {
      copies.add(
          new GenericDomainEventMessage<>(
              SERIES_TYPE,
              seriesId,
              next++,
              new KpiPeriodCarriedOver(
                  (KpiPeriodClosed) original.getPayload(),
                  original.getIdentifier(),
                  globalIndexes.get(original.getIdentifier()),
                  original.getSequenceNumber(),
                  original.getTimestamp()),
              MetaData.emptyInstance(),
              copyId(original.getIdentifier()),
              now));
    }
    engine.appendEvents(copies);
  }
}
