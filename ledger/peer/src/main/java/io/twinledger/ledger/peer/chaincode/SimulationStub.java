package io.twinledger.ledger.peer.chaincode;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.peer.hash.Digests;
import io.twinledger.ledger.peer.state.KeyHistory;
import io.twinledger.ledger.peer.state.PrivateEntry;
import io.twinledger.ledger.peer.state.VersionedValue;
import io.twinledger.ledger.peer.state.WorldState;
import io.twinledger.network.chaincode.PrivateDataCollection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The embedded peer's {@link ChaincodeStub}: Fabric's simulation semantics over the committed
 * {@link WorldState}.
 *
 * <ul>
 *   <li>Reads see committed state only: {@code getState} after {@code putState} of the same key in
 *       the same transaction returns the committed value. Each first read records the committed
 *       version (or its absence); range and partial-composite-key queries record their results for
 *       phantom checks. A missing key reads as an empty array, as the Java shim returns it.
 *   <li>Private data: reads and writes check that the collection is defined and, where it is
 *       member-only, that the client satisfies its member policy ({@code OR('A.member',...)}),
 *       record hashed reads and writes on the public set and the plain writes in the private set.
 *   <li>Paginated queries are for read-only transactions: writing after one, or paginating after a
 *       write, fails as in Fabric.
 *   <li>Not supported, throwing {@link UnsupportedOperationException}: rich (CouchDB) queries,
 *       chaincode-to-chaincode invocation and setting key-level endorsement policies. Reading a
 *       key-level policy returns null, since none can be set.
 * </ul>
 */
final class SimulationStub implements ChaincodeStub {

  private static final String UNSPECIFIED_START_KEY = new String(Character.toChars(0x000001));
  private static final String MAX_UNICODE_RUNE = new String(Character.toChars(0x10FFFF));

  private final Invocation invocation;
  private final DeployedChaincode chaincode;
  private final WorldState state;
  private final KeyHistory history;
  private final String localMspId;
  private final ReadWriteSet rwset;
  private ChaincodeEvent event;
  private boolean paginated;

  SimulationStub(
      Invocation invocation,
      DeployedChaincode chaincode,
      WorldState state,
      KeyHistory history,
      String localMspId) {
    this.invocation = invocation;
    this.chaincode = chaincode;
    this.state = state;
    this.history = history;
    this.localMspId = localMspId;
    this.rwset = new ReadWriteSet(chaincode.name());
  }

  SimulationResult result(Response response) {
    return new SimulationResult(
        response,
        rwset.publicSet(),
        rwset.privateSet(),
        Optional.ofNullable(event)
            .map(
                e ->
                    e.toBuilder()
                        .setChaincodeId(chaincode.name())
                        .setTxId(invocation.txId())
                        .build()));
  }

  @Override
  public List<byte[]> getArgs() {
    return invocation.args().stream().map(ByteString::toByteArray).toList();
  }

  @Override
  public List<String> getStringArgs() {
    return invocation.args().stream().map(ByteString::toStringUtf8).toList();
  }

  @Override
  public String getFunction() {
    return invocation.args().isEmpty() ? null : invocation.function();
  }

  @Override
  public List<String> getParameters() {
    return getStringArgs().stream().skip(1).toList();
  }

  @Override
  public String getTxId() {
    return invocation.txId();
  }

  @Override
  public String getChannelId() {
    return invocation.channelId();
  }

  @Override
  public Chaincode.Response invokeChaincode(
      String chaincodeName, List<byte[]> args, String channel) {
    throw new UnsupportedOperationException(
        "The embedded peer does not support chaincode-to-chaincode invocation ("
            + chaincodeName
            + ")");
  }

  @Override
  public byte[] getState(String key) {
    Optional<VersionedValue> committed = state.get(chaincode.name(), key);
    rwset.read(key, committed.map(VersionedValue::version));
    return committed.map(v -> v.value().toByteArray()).orElse(new byte[0]);
  }

  @Override
  public byte[] getStateValidationParameter(String key) {
    return null;
  }

  @Override
  public void putState(String key, byte[] value) {
    validateKey(key);
    Objects.requireNonNull(value, "value cannot be null");
    checkWriteAllowed();
    rwset.write(key, Optional.of(ByteString.copyFrom(value)));
  }

  @Override
  public void setStateValidationParameter(String key, byte[] value) {
    throw new UnsupportedOperationException(
        "The embedded peer does not support key-level endorsement policies");
  }

  @Override
  public void delState(String key) {
    validateKey(key);
    checkWriteAllowed();
    rwset.write(key, Optional.empty());
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
    String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
    String end = endKey == null ? "" : endKey;
    CompositeKey.validateSimpleKeys(start, end);
    return recordedRange(start, end);
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
      String startKey, String endKey, int pageSize, String bookmark) {
    String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
    String end = endKey == null ? "" : endKey;
    CompositeKey.validateSimpleKeys(start, end);
    return page(start, end, pageSize, bookmark);
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
    CompositeKey key =
        compositeKey.startsWith(CompositeKey.NAMESPACE)
            ? CompositeKey.parseCompositeKey(compositeKey)
            : new CompositeKey(compositeKey);
    return getStateByPartialCompositeKey(key);
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(
      String objectType, String... attributes) {
    return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
    String prefix = compositePrefix(compositeKey);
    return recordedRange(prefix, prefix + MAX_UNICODE_RUNE);
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
      CompositeKey compositeKey, int pageSize, String bookmark) {
    String prefix = compositePrefix(compositeKey);
    return page(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
  }

  @Override
  public CompositeKey createCompositeKey(String objectType, String... attributes) {
    return new CompositeKey(objectType, attributes);
  }

  @Override
  public CompositeKey splitCompositeKey(String compositeKey) {
    return CompositeKey.parseCompositeKey(compositeKey);
  }

  @Override
  public QueryResultsIterator<KeyValue> getQueryResult(String query) {
    throw richQueries();
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
      String query, int pageSize, String bookmark) {
    throw richQueries();
  }

  @Override
  public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
    List<KeyModification> entries =
        history.of(chaincode.name(), key).stream().<KeyModification>map(Modification::new).toList();
    return new ListIterator<>(entries);
  }

  @Override
  public byte[] getPrivateData(String collection, String key) {
    PrivateDataCollection c = collection(collection);
    if (c.memberOnlyRead() && !DeployedChaincode.isMember(c, invocation.creator())) {
      throw new ChaincodeException(
          "tx creator does not have read access permission on privatedata in chaincodeName:"
              + chaincode.name()
              + " collectionName: "
              + collection);
    }
    ByteString keyHash = Digests.sha256(key);
    Optional<PrivateEntry> entry = state.privateEntry(chaincode.name(), collection, keyHash);
    rwset.privateRead(collection, keyHash, entry.map(PrivateEntry::version));
    return entry.flatMap(PrivateEntry::value).map(ByteString::toByteArray).orElse(new byte[0]);
  }

  @Override
  public byte[] getPrivateDataHash(String collection, String key) {
    collection(collection);
    ByteString keyHash = Digests.sha256(key);
    Optional<PrivateEntry> entry = state.privateEntry(chaincode.name(), collection, keyHash);
    rwset.privateRead(collection, keyHash, entry.map(PrivateEntry::version));
    return entry.map(e -> e.valueHash().toByteArray()).orElse(new byte[0]);
  }

  @Override
  public byte[] getPrivateDataValidationParameter(String collection, String key) {
    collection(collection);
    return null;
  }

  @Override
  public void putPrivateData(String collection, String key, byte[] value) {
    validateKey(key);
    Objects.requireNonNull(value, "value cannot be null");
    checkPrivateWrite(collection);
    rwset.privateWrite(collection, key, Optional.of(ByteString.copyFrom(value)), false);
  }

  @Override
  public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
    throw new UnsupportedOperationException(
        "The embedded peer does not support key-level endorsement policies");
  }

  @Override
  public void delPrivateData(String collection, String key) {
    validateKey(key);
    checkPrivateWrite(collection);
    rwset.privateWrite(collection, key, Optional.empty(), false);
  }

  @Override
  public void purgePrivateData(String collection, String key) {
    validateKey(key);
    checkPrivateWrite(collection);
    rwset.privateWrite(collection, key, Optional.empty(), true);
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByRange(
      String collection, String startKey, String endKey) {
    String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
    String end = endKey == null ? "" : endKey;
    CompositeKey.validateSimpleKeys(start, end);
    return privateRange(collection, start, end);
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
      String collection, String compositeKey) {
    CompositeKey key;
    if (compositeKey == null) {
      key = new CompositeKey("");
    } else if (compositeKey.startsWith(CompositeKey.NAMESPACE)) {
      key = CompositeKey.parseCompositeKey(compositeKey);
    } else {
      key = new CompositeKey(compositeKey);
    }
    return getPrivateDataByPartialCompositeKey(collection, key);
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
      String collection, CompositeKey compositeKey) {
    String prefix = compositePrefix(compositeKey);
    return privateRange(collection, prefix, prefix + MAX_UNICODE_RUNE);
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
      String collection, String objectType, String... attributes) {
    return getPrivateDataByPartialCompositeKey(
        collection, new CompositeKey(objectType, attributes));
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
    throw richQueries();
  }

  @Override
  public void setEvent(String name, byte[] payload) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("event name can not be nil string");
    }
    ChaincodeEvent.Builder builder = ChaincodeEvent.newBuilder().setEventName(name);
    if (payload != null) {
      builder.setPayload(ByteString.copyFrom(payload));
    }
    event = builder.build();
  }

  @Override
  public ChaincodeEvent getEvent() {
    return event;
  }

  @Override
  public SignedProposal getSignedProposal() {
    return invocation.signedProposal();
  }

  @Override
  public Instant getTxTimestamp() {
    return invocation.timestamp();
  }

  @Override
  public byte[] getCreator() {
    return invocation.creator().serialized().toByteArray();
  }

  @Override
  public Map<String, byte[]> getTransient() {
    Map<String, byte[]> transientMap = new LinkedHashMap<>();
    invocation.transientMap().forEach((key, value) -> transientMap.put(key, value.toByteArray()));
    return transientMap;
  }

  @Override
  public byte[] getBinding() {
    return invocation.binding().toByteArray();
  }

  @Override
  public String getMspId() {
    return localMspId;
  }

  private RangeRead recordedRange(String start, String end) {
    if (paginated) {
      throw new ChaincodeException(
          "a paginated query was performed; only paginated queries may follow in this transaction");
    }
    RangeRead range = new RangeRead(start, end, state.range(chaincode.name(), start, end));
    rwset.rangeRead(range);
    return range;
  }

  private QueryResultsIteratorWithMetadata<KeyValue> page(
      String start, String end, int pageSize, String bookmark) {
    if (rwset.hasWrites()) {
      throw new ChaincodeException(
          "paginated queries are supported only in read-only transactions; this one wrote");
    }
    if (pageSize <= 0) {
      throw new ChaincodeException("page size must be positive, not " + pageSize);
    }
    paginated = true;
    String from = bookmark == null || bookmark.isEmpty() ? start : bookmark;
    Iterator<Map.Entry<String, VersionedValue>> entries =
        state.range(chaincode.name(), from, end).entrySet().iterator();
    List<KeyValue> results = new ArrayList<>();
    while (entries.hasNext() && results.size() < pageSize) {
      Map.Entry<String, VersionedValue> entry = entries.next();
      results.add(new StateEntry(entry.getKey(), entry.getValue().value()));
    }
    String next = entries.hasNext() ? entries.next().getKey() : "";
    return new ListIterator<>(
        results,
        QueryResponseMetadata.newBuilder()
            .setFetchedRecordsCount(results.size())
            .setBookmark(next)
            .build());
  }

  private QueryResultsIterator<KeyValue> privateRange(String collection, String start, String end) {
    PrivateDataCollection c = collection(collection);
    if (c.memberOnlyRead() && !DeployedChaincode.isMember(c, invocation.creator())) {
      throw new ChaincodeException(
          "tx creator does not have read access permission on privatedata in chaincodeName:"
              + chaincode.name()
              + " collectionName: "
              + collection);
    }
    NavigableMap<String, PrivateEntry> entries =
        state.privateRange(chaincode.name(), collection, start, end);
    List<KeyValue> results = new ArrayList<>();
    entries.forEach(
        (key, entry) -> entry.value().ifPresent(value -> results.add(new StateEntry(key, value))));
    return new ListIterator<>(results);
  }

  private void checkWriteAllowed() {
    if (paginated) {
      throw new ChaincodeException(
          "a paginated query was performed; writes are not allowed in this transaction");
    }
  }

  private void checkPrivateWrite(String collection) {
    PrivateDataCollection c = collection(collection);
    if (c.memberOnlyWrite() && !DeployedChaincode.isMember(c, invocation.creator())) {
      throw new ChaincodeException(
          "tx creator does not have write access permission on privatedata in chaincodeName:"
              + chaincode.name()
              + " collectionName: "
              + collection);
    }
    checkWriteAllowed();
  }

  private PrivateDataCollection collection(String collection) {
    Objects.requireNonNull(collection, "collection cannot be null");
    if (collection.isEmpty()) {
      throw new IllegalArgumentException("collection must not be an empty string");
    }
    return chaincode
        .collection(collection)
        .orElseThrow(
            () ->
                new ChaincodeException(
                    "private data collection '"
                        + collection
                        + "' is not defined for chaincode '"
                        + chaincode.name()
                        + "'"));
  }

  private static String compositePrefix(CompositeKey compositeKey) {
    return compositeKey == null
        ? new CompositeKey(UNSPECIFIED_START_KEY).toString()
        : compositeKey.toString();
  }

  private static void validateKey(String key) {
    Objects.requireNonNull(key, "key cannot be null");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key cannot not be an empty string");
    }
  }

  private static UnsupportedOperationException richQueries() {
    return new UnsupportedOperationException(
        "Rich queries need CouchDB; the embedded peer keeps a key-value state (as LevelDB does)");
  }
}
