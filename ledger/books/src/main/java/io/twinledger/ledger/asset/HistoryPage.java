package io.twinledger.ledger.asset;

import java.util.List;
import java.util.Optional;

/**
 * One page of an asset's event history, in sequence order.
 *
 * @param events at most the page's limit of events
 * @param next the sequence number to continue after, when the stream may hold more
 */
public record HistoryPage(List<RecordedEvent> events, Optional<Long> next) {

  public HistoryPage {
    events = List.copyOf(events);
  }
}
