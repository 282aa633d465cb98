package io.twinledger.ledger.peer.chaincode;

import io.twinledger.ledger.peer.state.VersionedValue;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * A range query over committed public state that records what the chaincode consumed, for phantom
 * read validation: the keys and versions read, and whether the chaincode read to the end. When it
 * stopped early, the recorded end key is the last key it read (validated inclusively), as Fabric
 * does.
 */
final class RangeRead implements QueryResultsIterator<KeyValue> {

  private final String startKey;
  private final String endKey;
  private final Iterator<Map.Entry<String, VersionedValue>> entries;
  private final QueryReads.Builder reads = QueryReads.newBuilder();
  private String lastKey;
  private boolean exhausted;
  private boolean iterated;

  RangeRead(String startKey, String endKey, NavigableMap<String, VersionedValue> range) {
    this.startKey = startKey;
    this.endKey = endKey;
    this.entries = range.entrySet().iterator();
  }

  @Override
  public Iterator<KeyValue> iterator() {
    if (iterated) {
      throw new IllegalStateException("A query result iterator can be iterated only once");
    }
    iterated = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        boolean more = entries.hasNext();
        if (!more) {
          exhausted = true;
        }
        return more;
      }

      @Override
      public KeyValue next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Map.Entry<String, VersionedValue> entry = entries.next();
        reads.addKvReads(
            KVRead.newBuilder()
                .setKey(entry.getKey())
                .setVersion(ReadWriteSet.version(entry.getValue().version())));
        lastKey = entry.getKey();
        return new StateEntry(entry.getKey(), entry.getValue().value());
      }
    };
  }

  @Override
  public void close() {}

  /** What was read, for the transaction's read set. */
  RangeQueryInfo info() {
    boolean complete = exhausted || !entries.hasNext();
    return RangeQueryInfo.newBuilder()
        .setStartKey(startKey)
        .setEndKey(complete || lastKey == null ? endKey : lastKey)
        .setItrExhausted(complete || lastKey == null)
        .setRawReads(reads)
        .build();
  }
}
