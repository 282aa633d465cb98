package io.twinledger.ledger.asset;

import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Reads an asset's full event stream from the event store, ignoring snapshots, so that the history
 * shown to auditors is the record itself rather than a projection of it.
 */
public class AssetHistory {

  private final EventStore eventStore;

  public AssetHistory(EventStore eventStore) {
    this.eventStore = eventStore;
  }

  /** Every event of the asset in sequence order; empty when no such asset exists. */
  public List<RecordedEvent> of(String assetId) {
    return eventStore.readEvents(assetId, 0L).asStream().map(AssetHistory::recorded).toList();
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
