package io.twinledger.ledger.peer.block;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * One namespace of a transaction's read/write set, its nested protobuf bytes parsed.
 *
 * @param namespace the chaincode
 * @param kv the public reads, range queries and writes
 * @param collections the hashed read/write sets of its private data collections
 */
public record NamespaceSet(String namespace, KVRWSet kv, List<CollectionSet> collections) {

  /**
   * A collection's hashed reads and writes.
   *
   * @param name the collection
   * @param hashed the key hashes read and the key and value hashes written
   * @param privateSetHash SHA-256 of the private write set kept off the chain
   */
  public record CollectionSet(String name, HashedRWSet hashed, ByteString privateSetHash) {}

  /**
   * Parses every namespace of a read/write set.
   *
   * @throws MalformedTransactionException with {@code BAD_RWSET} when a nested set is unreadable
   */
  public static List<NamespaceSet> of(TxReadWriteSet results) throws MalformedTransactionException {
    List<NamespaceSet> sets = new ArrayList<>();
    for (NsReadWriteSet ns : results.getNsRwsetList()) {
      try {
        List<CollectionSet> collections = new ArrayList<>();
        for (CollectionHashedReadWriteSet collection : ns.getCollectionHashedRwsetList()) {
          collections.add(
              new CollectionSet(
                  collection.getCollectionName(),
                  HashedRWSet.parseFrom(collection.getHashedRwset()),
                  collection.getPvtRwsetHash()));
        }
        sets.add(
            new NamespaceSet(ns.getNamespace(), KVRWSet.parseFrom(ns.getRwset()), collections));
      } catch (InvalidProtocolBufferException e) {
        throw new MalformedTransactionException(
            TxValidationCode.BAD_RWSET,
            "read/write set of namespace " + ns.getNamespace() + " is unreadable");
      }
    }
    return sets;
  }
}
