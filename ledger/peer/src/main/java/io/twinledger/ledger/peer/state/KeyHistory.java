package io.twinledger.ledger.peer.state;

import java.util.List;

/** The committed modifications of public keys. */
public interface KeyHistory {

  /**
   * The modifications of {@code key} in {@code namespace}, newest first (as Fabric 2.x returns).
   */
  List<HistoryEntry> of(String namespace, String key);
}
