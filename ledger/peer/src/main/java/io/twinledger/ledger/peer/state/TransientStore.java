package io.twinledger.ledger.peer.state;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;

/**
 * Private write sets of endorsed transactions waiting for their commit, as Fabric's transient store
 * keeps them. Held in memory only: a restart between endorsement and commit loses them, and the
 * transaction then commits with its private data missing (only the hashes, as on a Fabric peer that
 * never received the data). Entries never committed are dropped after {@link #RETENTION_BLOCKS}
 * blocks.
 */
public final class TransientStore {

  /** Blocks after which an uncommitted private write set is dropped (Fabric's default). */
  public static final long RETENTION_BLOCKS = 1000;

  private final Map<String, Held> held = new ConcurrentHashMap<>();

  /** Keeps the private writes of {@code txId}, endorsed at chain height {@code height}. */
  public void put(String txId, TxPvtReadWriteSet privateData, long height) {
    held.put(txId, new Held(privateData, height));
  }

  /** Removes and returns the private writes of {@code txId}. */
  public Optional<TxPvtReadWriteSet> take(String txId) {
    return Optional.ofNullable(held.remove(txId)).map(Held::privateData);
  }

  /** Drops write sets endorsed more than {@link #RETENTION_BLOCKS} blocks before {@code height}. */
  public void purgeBelow(long height) {
    held.values().removeIf(h -> h.height() + RETENTION_BLOCKS < height);
  }

  private record Held(TxPvtReadWriteSet privateData, long height) {}
}
