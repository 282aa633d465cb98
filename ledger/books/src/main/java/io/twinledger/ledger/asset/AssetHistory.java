package io.twinledger.ledger.asset;

import io.twinledger.ledger.asset.api.PeriodStreams;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Reads an asset's full event stream, or the period series of one of its KPIs ({@link
 * PeriodStreams}), from the event store, ignoring snapshots, so that the history shown to auditors
 * is the record itself rather than a projection of it.
 */
public class AssetHistory {

  private final EventStore eventStore;

  public AssetHistory(EventStore eventStore) {
    this.eventStore = eventStore;
  }

  /**
   * The simple names of the events an asset's stream holds, for filtering by type. {@code
   * KpiPeriodClosed} is there only for periods closed before periods had streams of their own.
   */
  public static final Set<String> EVENT_TYPES =
      Set.of(
          "AssetRegistered",
          "AssetParametersUpdated",
          "KpiDefined",
          "KpiPeriodClosed",
          "AssetDecommissioned");

  /** The simple names of the events a period series holds, for filtering by type. */
  public static final Set<String> SERIES_EVENT_TYPES =
      Set.of("KpiPeriodClosed", "KpiPeriodCarriedOver");

  /** Every event of the asset in sequence order; empty when no such asset exists. */
  public List<RecordedEvent> of(String assetId) {
    return eventStore.readEvents(assetId, 0L).asStream().map(AssetHistory::recorded).toList();
  }

  /**
   * A page of a stream's events: those after sequence number {@code after} (all, from the first,
   * when empty), of one type if given, at most {@code limit}. The store is read from {@code after}
   * on, so a page costs the events it skips for the type filter, not the whole stream.
   *
   * @param streamId an asset id, or a period series id ({@link PeriodStreams#seriesId})
   * @param type a simple event name of {@link #EVENT_TYPES} or {@link #SERIES_EVENT_TYPES}
   */
  public HistoryPage page(String streamId, Optional<Long> after, Optional<String> type, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    List<RecordedEvent> events = new ArrayList<>(Math.min(limit, 1_000));
    long first = after.map(a -> a + 1).orElse(0L);
    try (Stream<? extends DomainEventMessage<?>> stream =
        eventStore.readEvents(streamId, first).asStream()) {
      Iterator<? extends DomainEventMessage<?>> messages = stream.iterator();
      while (messages.hasNext()) {
        DomainEventMessage<?> message = messages.next();
        if (type.isPresent() && !type.get().equals(message.getPayloadType().getSimpleName())) {
          continue;
        }
        if (events.size() == limit) {
          return new HistoryPage(events, Optional.of(events.getLast().sequenceNumber()));
        }
        events.add(recorded(message));
      }
    }
    return new HistoryPage(events, Optional.empty());
  }

  /** Whether the asset was registered: its stream holds an event, a snapshot aside. */
  public boolean exists(String assetId) {
    return eventStore.lastSequenceNumberFor(assetId).isPresent();
  }

  private static RecordedEvent recorded(DomainEventMessage<?> message) {
    return new RecordedEvent(
        message.getSequenceNumber(),
        message.getIdentifier(),
        message.getPayloadType().getSimpleName(),
        message.getTimestamp(),
        message.getPayload());
  }
}
