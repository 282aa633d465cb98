package io.twinledger.ledger.peer.commit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.twinledger.ledger.peer.block.EndorserTransaction;
import io.twinledger.ledger.peer.block.NamespaceSet;
import io.twinledger.ledger.peer.hash.Digests;
import io.twinledger.ledger.peer.state.KeyOrder;
import io.twinledger.ledger.peer.state.PrivateEntry;
import io.twinledger.ledger.peer.state.PrivateWrite;
import io.twinledger.ledger.peer.state.PublicWrite;
import io.twinledger.ledger.peer.state.TransactionIndex;
import io.twinledger.ledger.peer.state.TransientStore;
import io.twinledger.ledger.peer.state.Version;
import io.twinledger.ledger.peer.state.VersionedValue;
import io.twinledger.ledger.peer.state.WorldState;
import io.twinledger.ledger.peer.store.HistoryRecord;
import io.twinledger.ledger.peer.store.TxRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVReadHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The outcome of one block: each transaction's final validation code, decided in block order, and
 * the effects of the valid ones. Fed the order-independent checks ({@link TxValidator}) one
 * transaction at a time, it decides what depends on the transactions before:
 *
 * <ul>
 *   <li>a transaction id already on the chain or earlier in the block ({@code DUPLICATE_TXID});
 *   <li>endorsements that do not satisfy the policy ({@code ENDORSEMENT_POLICY_FAILURE});
 *   <li>a read whose version changed since simulation, including by an earlier valid transaction of
 *       the same block ({@code MVCC_READ_CONFLICT}), public or private;
 *   <li>a range query whose results changed, by the committed state or an earlier valid transaction
 *       of the block ({@code PHANTOM_READ_CONFLICT}).
 * </ul>
 *
 * <p>Only valid transactions' writes count: public and private writes (with the plain private data
 * from the transient store when its hash matches the chain's), history records and chaincode
 * events. Reads see the committed state, which the previous block's writes must have reached.
 */
final class BlockOutcome {

  private final long number;
  private final WorldState state;
  private final TransactionIndex transactions;
  private final TransientStore transientStore;
  private final List<TxRecord> records = new ArrayList<>();
  private final List<PublicWrite> writes = new ArrayList<>();
  private final List<PrivateWrite> privateWrites = new ArrayList<>();
  private final List<HistoryRecord> history = new ArrayList<>();
  private final List<ChaincodeEvent> events = new ArrayList<>();
  private final Set<String> seenTxIds = new HashSet<>();
  private final Map<String, NavigableMap<String, Version>> pendingPublic = new HashMap<>();
  private final Set<String> pendingPrivate = new HashSet<>();

  BlockOutcome(
      long number, WorldState state, TransactionIndex transactions, TransientStore transientStore) {
    this.number = number;
    this.state = state;
    this.transactions = transactions;
    this.transientStore = transientStore;
  }

  /** Each transaction's record, in block order. */
  List<TxRecord> records() {
    return Collections.unmodifiableList(records);
  }

  /** The public writes of the valid transactions. */
  List<PublicWrite> writes() {
    return Collections.unmodifiableList(writes);
  }

  /** The private writes of the valid transactions. */
  List<PrivateWrite> privateWrites() {
    return Collections.unmodifiableList(privateWrites);
  }

  /** The history records of the valid transactions' public writes. */
  List<HistoryRecord> history() {
    return Collections.unmodifiableList(history);
  }

  /** The chaincode events of the valid transactions. */
  List<ChaincodeEvent> events() {
    return Collections.unmodifiableList(events);
  }

  /** Decides transaction {@code txNumber}, the next in the block, from its own checks. */
  void decide(int txNumber, TxCheck check) {
    String txId = check.tx().map(EndorserTransaction::txId).orElse("");
    TxValidationCode code = check.code();
    if (code == TxValidationCode.VALID) {
      if (transactions.find(txId).isPresent() || !seenTxIds.add(txId)) {
        code = TxValidationCode.DUPLICATE_TXID;
      } else if (check.endorsementFailure().isPresent()) {
        code = TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
      } else {
        code = conflicts(check.sets());
      }
    } else if (!txId.isEmpty() && code != TxValidationCode.BAD_PROPOSAL_TXID) {
      seenTxIds.add(txId);
    }
    Optional<TxPvtReadWriteSet> privateData =
        txId.isEmpty() ? Optional.empty() : transientStore.take(txId);
    records.add(new TxRecord(txNumber, txId, code));
    if (code == TxValidationCode.VALID) {
      apply(txNumber, check.tx().get(), check.sets(), privateData);
    }
  }

  private TxValidationCode conflicts(List<NamespaceSet> sets) {
    for (NamespaceSet set : sets) {
      for (KVRead read : set.kv().getReadsList()) {
        if (pending(set.namespace(), read.getKey())
            || !sameVersion(
                state.get(set.namespace(), read.getKey()).map(VersionedValue::version),
                read.hasVersion() ? Optional.of(read.getVersion()) : Optional.empty())) {
          return TxValidationCode.MVCC_READ_CONFLICT;
        }
      }
      for (NamespaceSet.CollectionSet collection : set.collections()) {
        for (KVReadHash read : collection.hashed().getHashedReadsList()) {
          String id = privateId(set.namespace(), collection.name(), read.getKeyHash());
          Optional<Version> committed =
              state
                  .privateEntry(set.namespace(), collection.name(), read.getKeyHash())
                  .map(PrivateEntry::version);
          if (pendingPrivate.contains(id)
              || !sameVersion(
                  committed,
                  read.hasVersion() ? Optional.of(read.getVersion()) : Optional.empty())) {
            return TxValidationCode.MVCC_READ_CONFLICT;
          }
        }
      }
      for (RangeQueryInfo range : set.kv().getRangeQueriesInfoList()) {
        if (phantom(set.namespace(), range)) {
          return TxValidationCode.PHANTOM_READ_CONFLICT;
        }
      }
    }
    return TxValidationCode.VALID;
  }

  private boolean pending(String namespace, String key) {
    NavigableMap<String, Version> keys = pendingPublic.get(namespace);
    return keys != null && keys.containsKey(key);
  }

  private boolean phantom(String namespace, RangeQueryInfo range) {
    if (!range.hasRawReads()) {
      return true;
    }
    String start = range.getStartKey();
    String end = range.getEndKey();
    boolean includeEnd = !range.getItrExhausted();
    NavigableMap<String, Version> pendingKeys = pendingPublic.get(namespace);
    if (pendingKeys != null) {
      NavigableMap<String, Version> touched =
          end.isEmpty()
              ? pendingKeys.tailMap(start, true)
              : pendingKeys.subMap(start, true, end, includeEnd);
      if (!touched.isEmpty()) {
        return true;
      }
    }
    Iterator<Map.Entry<String, VersionedValue>> committed =
        state.range(namespace, start, "").entrySet().iterator();
    List<KVRead> reads = range.getRawReads().getKvReadsList();
    int i = 0;
    while (committed.hasNext()) {
      Map.Entry<String, VersionedValue> entry = committed.next();
      if (!end.isEmpty()) {
        int c = KeyOrder.CODE_POINTS.compare(entry.getKey(), end);
        if (c > 0 || (c == 0 && !includeEnd)) {
          break;
        }
      }
      if (i >= reads.size()
          || !reads.get(i).getKey().equals(entry.getKey())
          || !sameVersion(
              Optional.of(entry.getValue().version()), Optional.of(reads.get(i).getVersion()))) {
        return true;
      }
      i++;
    }
    return i != reads.size();
  }

  private void apply(
      int txNumber,
      EndorserTransaction tx,
      List<NamespaceSet> sets,
      Optional<TxPvtReadWriteSet> privateData) {
    Version version = new Version(number, txNumber);
    for (NamespaceSet set : sets) {
      NavigableMap<String, Version> pendingKeys =
          pendingPublic.computeIfAbsent(set.namespace(), n -> new TreeMap<>(KeyOrder.CODE_POINTS));
      for (KVWrite write : set.kv().getWritesList()) {
        Optional<ByteString> value =
            write.getIsDelete() ? Optional.empty() : Optional.of(write.getValue());
        PublicWrite publicWrite = new PublicWrite(set.namespace(), write.getKey(), value, version);
        writes.add(publicWrite);
        history.add(new HistoryRecord(publicWrite, tx.txId(), tx.timestamp()));
        pendingKeys.put(write.getKey(), version);
      }
      for (NamespaceSet.CollectionSet collection : set.collections()) {
        if (collection.hashed().getHashedWritesCount() == 0) {
          continue;
        }
        Map<ByteString, KVWrite> plain = plainWrites(privateData, set.namespace(), collection);
        for (KVWriteHash write : collection.hashed().getHashedWritesList()) {
          Optional<KVWrite> known = Optional.ofNullable(plain.get(write.getKeyHash()));
          privateWrites.add(
              new PrivateWrite(
                  set.namespace(),
                  collection.name(),
                  write.getKeyHash(),
                  known.map(KVWrite::getKey),
                  write.getIsDelete() ? Optional.empty() : known.map(KVWrite::getValue),
                  write.getIsDelete() ? Optional.empty() : Optional.of(write.getValueHash()),
                  version));
          pendingPrivate.add(privateId(set.namespace(), collection.name(), write.getKeyHash()));
        }
      }
    }
    tx.event().ifPresent(events::add);
  }

  /**
   * The plain private writes of a collection by key hash, when the transient store holds a write
   * set matching the hash on the chain; none otherwise (the data is then missing on this peer).
   */
  private Map<ByteString, KVWrite> plainWrites(
      Optional<TxPvtReadWriteSet> privateData,
      String namespace,
      NamespaceSet.CollectionSet collection) {
    Map<ByteString, KVWrite> plain = new HashMap<>();
    if (privateData.isEmpty()) {
      return plain;
    }
    for (NsPvtReadWriteSet ns : privateData.get().getNsPvtRwsetList()) {
      if (!ns.getNamespace().equals(namespace)) {
        continue;
      }
      for (CollectionPvtReadWriteSet set : ns.getCollectionPvtRwsetList()) {
        if (!set.getCollectionName().equals(collection.name())
            || !Digests.equal(Digests.sha256(set.getRwset()), collection.privateSetHash())) {
          continue;
        }
        try {
          for (KVWrite write : KVRWSet.parseFrom(set.getRwset()).getWritesList()) {
            plain.put(Digests.sha256(write.getKey()), write);
          }
        } catch (InvalidProtocolBufferException e) {
          return Map.of();
        }
      }
    }
    return plain;
  }

  private static boolean sameVersion(
      Optional<Version> committed,
      Optional<org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version> read) {
    if (committed.isEmpty() || read.isEmpty()) {
      return committed.isEmpty() && read.isEmpty();
    }
    return committed.get().blockNumber() == read.get().getBlockNum()
        && committed.get().txNumber() == read.get().getTxNum();
  }

  private static String privateId(String namespace, String collection, ByteString keyHash) {
    return namespace
        + '\u0000'
        + collection
        + '\u0000'
        + HexFormat.of().formatHex(keyHash.toByteArray());
  }
}
