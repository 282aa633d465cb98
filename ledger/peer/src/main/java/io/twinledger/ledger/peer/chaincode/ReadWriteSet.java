package io.twinledger.ledger.peer.chaincode;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.peer.hash.Digests;
import io.twinledger.ledger.peer.state.KeyOrder;
import io.twinledger.ledger.peer.state.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVReadHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;

/**
 * Collects what one simulation read and wrote, and builds Fabric's {@code TxReadWriteSet} (public
 * reads with their committed versions, range query infos, writes, and per collection the hashed
 * reads and writes with the hash of the private write set) and the private {@code
 * TxPvtReadWriteSet} kept off the chain.
 *
 * <p>The first read of a key fixes its recorded version; the last write of a key wins. Reads,
 * writes and collections are sorted by key (code point order) as Fabric's builder does.
 */
final class ReadWriteSet {

  private final String namespace;
  private final Map<String, Optional<Version>> reads = new TreeMap<>(KeyOrder.CODE_POINTS);
  private final Map<String, Optional<ByteString>> writes = new TreeMap<>(KeyOrder.CODE_POINTS);
  private final List<RangeRead> rangeReads = new ArrayList<>();
  private final Map<String, Collection> collections = new TreeMap<>();

  ReadWriteSet(String namespace) {
    this.namespace = namespace;
  }

  void read(String key, Optional<Version> version) {
    reads.putIfAbsent(key, version);
  }

  void write(String key, Optional<ByteString> value) {
    writes.put(key, value);
  }

  void rangeRead(RangeRead range) {
    rangeReads.add(range);
  }

  void privateRead(String collection, ByteString keyHash, Optional<Version> v) {
    collections.computeIfAbsent(collection, c -> new Collection()).reads.putIfAbsent(keyHash, v);
  }

  void privateWrite(String collection, String key, Optional<ByteString> value, boolean purge) {
    Collection c = collections.computeIfAbsent(collection, name -> new Collection());
    c.writes.put(key, value);
    if (purge) {
      c.purges.add(key);
    } else {
      c.purges.remove(key);
    }
  }

  boolean hasWrites() {
    return !writes.isEmpty() || collections.values().stream().anyMatch(c -> !c.writes.isEmpty());
  }

  /** The public read/write set, as it goes on the chain. */
  TxReadWriteSet publicSet() {
    KVRWSet.Builder kv = KVRWSet.newBuilder();
    reads.forEach(
        (key, version) -> {
          KVRead.Builder read = KVRead.newBuilder().setKey(key);
          version.ifPresent(v -> read.setVersion(version(v)));
          kv.addReads(read);
        });
    rangeReads.forEach(range -> kv.addRangeQueriesInfo(range.info()));
    writes.forEach(
        (key, value) ->
            kv.addWrites(
                KVWrite.newBuilder()
                    .setKey(key)
                    .setIsDelete(value.isEmpty())
                    .setValue(value.orElse(ByteString.EMPTY))));
    NsReadWriteSet.Builder ns =
        NsReadWriteSet.newBuilder().setNamespace(namespace).setRwset(kv.build().toByteString());
    collections.forEach(
        (name, collection) -> {
          HashedRWSet.Builder hashed = HashedRWSet.newBuilder();
          collection.reads.forEach(
              (keyHash, version) -> {
                KVReadHash.Builder read = KVReadHash.newBuilder().setKeyHash(keyHash);
                version.ifPresent(v -> read.setVersion(version(v)));
                hashed.addHashedReads(read);
              });
          collection.writes.forEach(
              (key, value) ->
                  hashed.addHashedWrites(
                      KVWriteHash.newBuilder()
                          .setKeyHash(Digests.sha256(key))
                          .setIsDelete(value.isEmpty())
                          .setIsPurge(collection.purges.contains(key))
                          .setValueHash(value.map(Digests::sha256).orElse(ByteString.EMPTY))));
          CollectionHashedReadWriteSet.Builder set =
              CollectionHashedReadWriteSet.newBuilder()
                  .setCollectionName(name)
                  .setHashedRwset(hashed.build().toByteString());
          if (!collection.writes.isEmpty()) {
            set.setPvtRwsetHash(Digests.sha256(collection.privateWrites().toByteString()));
          }
          ns.addCollectionHashedRwset(set);
        });
    return TxReadWriteSet.newBuilder()
        .setDataModel(TxReadWriteSet.DataModel.KV)
        .addNsRwset(ns)
        .build();
  }

  /** The private write sets, kept off the chain; empty when nothing private was written. */
  Optional<TxPvtReadWriteSet> privateSet() {
    NsPvtReadWriteSet.Builder ns = NsPvtReadWriteSet.newBuilder().setNamespace(namespace);
    collections.forEach(
        (name, collection) -> {
          if (!collection.writes.isEmpty()) {
            ns.addCollectionPvtRwset(
                CollectionPvtReadWriteSet.newBuilder()
                    .setCollectionName(name)
                    .setRwset(collection.privateWrites().toByteString()));
          }
        });
    if (ns.getCollectionPvtRwsetCount() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        TxPvtReadWriteSet.newBuilder()
            .setDataModel(TxReadWriteSet.DataModel.KV)
            .addNsPvtRwset(ns)
            .build());
  }

  static org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version version(Version version) {
    return org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.newBuilder()
        .setBlockNum(version.blockNumber())
        .setTxNum(version.txNumber())
        .build();
  }

  private static final class Collection {
    private final Map<ByteString, Optional<Version>> reads =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    private final Map<String, Optional<ByteString>> writes = new TreeMap<>(KeyOrder.CODE_POINTS);
    private final Set<String> purges = new HashSet<>();

    private KVRWSet privateWrites() {
      KVRWSet.Builder kv = KVRWSet.newBuilder();
      writes.forEach(
          (key, value) ->
              kv.addWrites(
                  KVWrite.newBuilder()
                      .setKey(key)
                      .setIsDelete(value.isEmpty())
                      .setValue(value.orElse(ByteString.EMPTY))));
      return kv.build();
    }
  }
}
