package io.twinledger.ledger.peer.chaincode;

import java.util.Iterator;
import java.util.List;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** Query results computed up front: history, private ranges and pages. */
record ListIterator<T>(List<T> results, QueryResponseMetadata metadata)
    implements QueryResultsIterator<T>, QueryResultsIteratorWithMetadata<T> {

  ListIterator(List<T> results) {
    this(
        results, QueryResponseMetadata.newBuilder().setFetchedRecordsCount(results.size()).build());
  }

  @Override
  public Iterator<T> iterator() {
    return results.iterator();
  }

  @Override
  public QueryResponseMetadata getMetadata() {
    return metadata;
  }

  @Override
  public void close() {}
}
