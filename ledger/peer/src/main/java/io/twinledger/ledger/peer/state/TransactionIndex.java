package io.twinledger.ledger.peer.state;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every transaction id on the chain with its first commit (later occurrences are {@code
 * DUPLICATE_TXID} and do not replace it), held in memory and rebuilt from the blocks at start-up.
 */
public final class TransactionIndex {

  private final Map<String, TxStatus> statuses = new ConcurrentHashMap<>();

  /** The first commit of {@code txId}. */
  public Optional<TxStatus> find(String txId) {
    return Optional.ofNullable(statuses.get(txId));
  }

  /** Records a commit unless the id is already known. */
  public void record(String txId, TxStatus status) {
    statuses.putIfAbsent(txId, status);
  }
}
