package io.twinledger.ledger.peer.state;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The committed world state of one channel, held in memory: public key/values per namespace in
 * {@link KeyOrder} order, and private-data entries per namespace and collection (by key hash, with
 * an ordered index of the plain keys the peer knows).
 *
 * <p>PostgreSQL holds the durable copy; the peer loads and verifies it at start-up. Simulations
 * hold the {@link #readLock() read lock} for their whole run, so they see one committed height;
 * commits {@link #apply} under the write lock (the same discipline as Fabric's transaction
 * manager).
 */
public final class WorldState {

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
  private final Map<String, NavigableMap<String, VersionedValue>> publicState =
      new ConcurrentHashMap<>();
  private final Map<String, Map<ByteString, PrivateEntry>> privateByHash =
      new ConcurrentHashMap<>();
  private final Map<String, NavigableMap<String, PrivateEntry>> privateByKey =
      new ConcurrentHashMap<>();

  /** Held by simulations while they read. */
  public Lock readLock() {
    return lock.readLock();
  }

  /** The committed value of a public key. */
  public Optional<VersionedValue> get(String namespace, String key) {
    NavigableMap<String, VersionedValue> keys = publicState.get(namespace);
    return keys == null ? Optional.empty() : Optional.ofNullable(keys.get(key));
  }

  /**
   * The committed public keys in {@code [startKey, endKey)}, in key order; an empty {@code endKey}
   * means no upper bound.
   */
  public NavigableMap<String, VersionedValue> range(
      String namespace, String startKey, String endKey) {
    NavigableMap<String, VersionedValue> keys = publicState.get(namespace);
    if (keys == null) {
      return new ConcurrentSkipListMap<>(KeyOrder.CODE_POINTS);
    }
    if (endKey.isEmpty()) {
      return keys.tailMap(startKey, true);
    }
    if (KeyOrder.CODE_POINTS.compare(startKey, endKey) >= 0) {
      return new ConcurrentSkipListMap<>(KeyOrder.CODE_POINTS);
    }
    return keys.subMap(startKey, true, endKey, false);
  }

  /** The committed private entry with this key hash. */
  public Optional<PrivateEntry> privateEntry(
      String namespace, String collection, ByteString keyHash) {
    Map<ByteString, PrivateEntry> entries = privateByHash.get(collectionId(namespace, collection));
    return entries == null ? Optional.empty() : Optional.ofNullable(entries.get(keyHash));
  }

  /** The committed private entries whose plain key is known and in {@code [startKey, endKey)}. */
  public NavigableMap<String, PrivateEntry> privateRange(
      String namespace, String collection, String startKey, String endKey) {
    NavigableMap<String, PrivateEntry> keys = privateByKey.get(collectionId(namespace, collection));
    if (keys == null) {
      return new ConcurrentSkipListMap<>(KeyOrder.CODE_POINTS);
    }
    if (endKey.isEmpty()) {
      return keys.tailMap(startKey, true);
    }
    if (KeyOrder.CODE_POINTS.compare(startKey, endKey) >= 0) {
      return new ConcurrentSkipListMap<>(KeyOrder.CODE_POINTS);
    }
    return keys.subMap(startKey, true, endKey, false);
  }

  /** Applies the writes of one block's valid transactions, in order. */
  public void apply(Collection<PublicWrite> writes, Collection<PrivateWrite> privateWrites) {
    lock.writeLock().lock();
    try {
      for (PublicWrite write : writes) {
        NavigableMap<String, VersionedValue> keys =
            publicState.computeIfAbsent(
                write.namespace(), n -> new ConcurrentSkipListMap<>(KeyOrder.CODE_POINTS));
        if (write.value().isPresent()) {
          keys.put(write.key(), new VersionedValue(write.value().get(), write.version()));
        } else {
          keys.remove(write.key());
        }
      }
      for (PrivateWrite write : privateWrites) {
        applyPrivate(write);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Loads one private entry as stored, at start-up. */
  public void load(String namespace, String collection, PrivateEntry entry) {
    String id = collectionId(namespace, collection);
    privateByHash.computeIfAbsent(id, c -> new ConcurrentHashMap<>()).put(entry.keyHash(), entry);
    entry
        .key()
        .ifPresent(
            key ->
                privateByKey
                    .computeIfAbsent(id, c -> new ConcurrentSkipListMap<>(KeyOrder.CODE_POINTS))
                    .put(key, entry));
  }

  private void applyPrivate(PrivateWrite write) {
    String id = collectionId(write.namespace(), write.collection());
    Map<ByteString, PrivateEntry> byHash =
        privateByHash.computeIfAbsent(id, c -> new ConcurrentHashMap<>());
    NavigableMap<String, PrivateEntry> byKey =
        privateByKey.computeIfAbsent(id, c -> new ConcurrentSkipListMap<>(KeyOrder.CODE_POINTS));
    PrivateEntry previous = byHash.remove(write.keyHash());
    if (previous != null) {
      previous.key().ifPresent(byKey::remove);
    }
    if (write.isDelete()) {
      return;
    }
    PrivateEntry entry =
        new PrivateEntry(
            write.keyHash(), write.key(), write.value(), write.valueHash().get(), write.version());
    byHash.put(write.keyHash(), entry);
    write.key().ifPresent(key -> byKey.put(key, entry));
  }

  private static String collectionId(String namespace, String collection) {
    return namespace + '\u0000' + collection;
  }
}
