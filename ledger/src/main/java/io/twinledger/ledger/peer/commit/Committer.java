package io.twinledger.ledger.peer.commit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.twinledger.ledger.peer.block.BlockEvents;
import io.twinledger.ledger.peer.block.BlockHashes;
import io.twinledger.ledger.peer.block.EndorserTransaction;
import io.twinledger.ledger.peer.block.MalformedTransactionException;
import io.twinledger.ledger.peer.block.NamespaceSet;
import io.twinledger.ledger.peer.chaincode.ChaincodeDefinition;
import io.twinledger.ledger.peer.endorsement.Endorser;
import io.twinledger.ledger.peer.endorsement.OwnEndorsements;
import io.twinledger.ledger.peer.identity.Creator;
import io.twinledger.ledger.peer.identity.IdentityException;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.ledger.peer.policy.PrincipalPolicy;
import io.twinledger.ledger.peer.state.KeyOrder;
import io.twinledger.ledger.peer.state.PrivateEntry;
import io.twinledger.ledger.peer.state.PrivateWrite;
import io.twinledger.ledger.peer.state.PublicWrite;
import io.twinledger.ledger.peer.state.TransactionIndex;
import io.twinledger.ledger.peer.state.TransientStore;
import io.twinledger.ledger.peer.state.TxStatus;
import io.twinledger.ledger.peer.state.Version;
import io.twinledger.ledger.peer.state.VersionedValue;
import io.twinledger.ledger.peer.state.WorldState;
import io.twinledger.ledger.peer.store.CommittedBlock;
import io.twinledger.ledger.peer.store.HistoryRecord;
import io.twinledger.ledger.peer.store.PeerStore;
import io.twinledger.ledger.peer.store.TxRecord;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
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
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each ordered batch into the next block and commits it, validating every transaction as a
 * Fabric peer does.
 *
 * <ol>
 *   <li>In parallel per transaction: structure ({@code BAD_PAYLOAD}, {@code UNKNOWN_TX_TYPE}...),
 *       channel ({@code TARGET_CHAIN_NOT_FOUND}), creator identity and envelope signature ({@code
 *       BAD_CREATOR_SIGNATURE}; the orderer's admission has usually verified the signature over the
 *       same bytes already, see {@link EnvelopeAdmission}), transaction id ({@code
 *       BAD_PROPOSAL_TXID}), chaincode ({@code INVALID_CHAINCODE}), write namespaces ({@code
 *       ILLEGAL_WRITESET}), and endorsements: only endorsements by valid identities with valid
 *       signatures over {@code proposal_response_payload ‖ endorser} count towards the policy, each
 *       as the role its certificate's node OU gives it: {@code AND('Org1MSP.peer','Org2MSP.peer')}
 *       needs both organisations' peers, not their clients or admins ({@code
 *       ENDORSEMENT_POLICY_FAILURE}). Signatures this peer produced itself over exactly these bytes
 *       are recognised ({@link OwnEndorsements}) instead of verified again.
 *   <li>In block order: a transaction id already on the chain or earlier in the block ({@code
 *       DUPLICATE_TXID}), a read whose version changed since simulation, including by an earlier
 *       valid transaction of the same block ({@code MVCC_READ_CONFLICT}), a range query whose
 *       results changed ({@code PHANTOM_READ_CONFLICT}).
 * </ol>
 *
 * <p>Only valid transactions' writes are applied. The block carries the codes in its {@code
 * TRANSACTIONS_FILTER} metadata; it is stored with all its effects in one database transaction,
 * then applied to the in-memory state and announced.
 *
 * <p>Blocks go through two stages: the orderer's thread builds and checks a block (the header needs
 * no validation result, so the chain is extended here) and decides it once the previous block's
 * writes are applied; a store thread then writes, applies and announces it. So block {@code n +
 * 1}'s signatures are checked while block {@code n} is written to PostgreSQL.
 */
public final class Committer implements Consumer<List<Envelope>>, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Committer.class);

  private final String channel;
  private final Organizations organizations;
  private final Map<String, ChaincodeDefinition> chaincodes;
  private final WorldState state;
  private final TransactionIndex transactions;
  private final TransientStore transientStore;
  private final OwnEndorsements ownEndorsements;
  private final EnvelopeAdmission admission;
  private final PeerStore store;
  private final CommitNotifier notifier;
  private final ExecutorService storer =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("peer-committer").factory());
  private Future<?> storing = CompletableFuture.completedFuture(null);
  private long height;
  private ByteString previousHash;
  private volatile CommitStatistics statistics =
      new CommitStatistics(0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  /**
   * @param height the number of the next block
   * @param previousHash the header hash of the last block; empty before the first
   */
  public Committer(
      String channel,
      Organizations organizations,
      Map<String, ChaincodeDefinition> chaincodes,
      WorldState state,
      TransactionIndex transactions,
      TransientStore transientStore,
      OwnEndorsements ownEndorsements,
      EnvelopeAdmission admission,
      PeerStore store,
      CommitNotifier notifier,
      long height,
      ByteString previousHash) {
    this.channel = channel;
    this.organizations = organizations;
    this.chaincodes = Map.copyOf(chaincodes);
    this.state = state;
    this.transactions = transactions;
    this.transientStore = transientStore;
    this.ownEndorsements = ownEndorsements;
    this.admission = admission;
    this.store = store;
    this.notifier = notifier;
    this.height = height;
    this.previousHash = previousHash;
  }

  @Override
  public void accept(List<Envelope> batch) {
    long number = height;
    BlockData.Builder data = BlockData.newBuilder();
    batch.forEach(envelope -> data.addData(envelope.toByteString()));
    BlockHeader header =
        BlockHeader.newBuilder()
            .setNumber(number)
            .setPreviousHash(previousHash)
            .setDataHash(BlockHashes.dataHash(data.build()))
            .build();
    ByteString headerHash = BlockHashes.headerHash(header);
    long started = System.nanoTime();
    List<TxCheck> checks =
        IntStream.range(0, data.getDataCount())
            .parallel()
            .mapToObj(i -> check(data.getData(i)))
            .toList();
    long checked = System.nanoTime();
    awaitStored();
    long waited = System.nanoTime();
    Outcome outcome = new Outcome(number);
    for (int i = 0; i < checks.size(); i++) {
      outcome.decide(i, checks.get(i));
    }
    long decided = System.nanoTime();
    height = number + 1;
    previousHash = headerHash;
    long checking = checked - started;
    long deciding = decided - waited;
    storing =
        storer.submit(
            () -> {
              try {
                store(header, headerHash, data, outcome, checking, deciding);
              } catch (RuntimeException e) {
                log.error("Storing block {} failed; the peer commits no further block", number, e);
                throw e;
              }
            });
  }

  /**
   * Blocks until the last block handed to the store stage is stored, applied and announced.
   *
   * @throws IllegalStateException when storing it failed; the peer cannot go on
   */
  private void awaitStored() {
    try {
      storing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while a block was being stored", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Storing a block failed", e.getCause());
    }
  }

  /** Waits for the block being stored, then stops the store stage. */
  @Override
  public void close() {
    storer.shutdown();
    try {
      storer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The store stage, one block at a time on its own thread: the checks of the next block run while
   * this one is written, and the next block's decisions wait for this one's writes to be applied.
   */
  private void store(
      BlockHeader header,
      ByteString headerHash,
      BlockData.Builder data,
      Outcome outcome,
      long checking,
      long deciding) {
    long number = header.getNumber();
    long started = System.nanoTime();
    byte[] filter = new byte[outcome.records.size()];
    for (int i = 0; i < filter.length; i++) {
      filter[i] = (byte) outcome.records.get(i).code().getNumber();
    }
    BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
    for (int i = 0; i < BlockMetadataIndex.values().length - 1; i++) {
      metadata.addMetadata(
          i == BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
              ? ByteString.copyFrom(filter)
              : ByteString.EMPTY);
    }
    Block block = Block.newBuilder().setHeader(header).setData(data).setMetadata(metadata).build();
    CommittedBlock committed =
        new CommittedBlock(
            block,
            headerHash,
            outcome.records,
            outcome.writes,
            outcome.privateWrites,
            outcome.history);
    store.append(committed);
    long stored = System.nanoTime();
    state.apply(outcome.writes, outcome.privateWrites);
    List<String> txIds = new ArrayList<>();
    for (TxRecord record : outcome.records) {
      if (!record.txId().isEmpty()) {
        transactions.record(record.txId(), new TxStatus(number, record.txNumber(), record.code()));
        txIds.add(record.txId());
      }
    }
    transientStore.purgeBelow(number + 1);
    notifier.committed(number, txIds, new BlockEvents(number, outcome.events));
    long applied = System.nanoTime();
    CommitStatistics before = statistics;
    statistics =
        new CommitStatistics(
            before.blocks() + 1,
            before.transactions() + outcome.records.size(),
            before.valid()
                + outcome.records.stream().filter(r -> r.code() == TxValidationCode.VALID).count(),
            before.checking().plusNanos(checking),
            before.deciding().plusNanos(deciding),
            before.storing().plusNanos(stored - started),
            before.applying().plusNanos(applied - stored));
  }

  /** Time spent per phase so far. */
  public CommitStatistics statistics() {
    return statistics;
  }

  private TxCheck check(ByteString envelopeBytes) {
    EndorserTransaction tx;
    try {
      tx = EndorserTransaction.parse(envelopeBytes);
    } catch (MalformedTransactionException e) {
      return TxCheck.invalid(Optional.empty(), e.code(), e.getMessage());
    }
    Optional<EndorserTransaction> parsed = Optional.of(tx);
    if (!channel.equals(tx.channelHeader().getChannelId())) {
      return TxCheck.invalid(
          parsed,
          TxValidationCode.TARGET_CHAIN_NOT_FOUND,
          "channel " + tx.channelHeader().getChannelId());
    }
    Creator creator;
    try {
      creator = organizations.verify(tx.signatureHeader().getCreator());
    } catch (IdentityException e) {
      return TxCheck.invalid(parsed, TxValidationCode.BAD_CREATOR_SIGNATURE, e.getMessage());
    }
    Optional<String> badSignature =
        admission.verified(tx.envelope().getSignature(), tx.envelope().getPayload())
            ? Optional.empty()
            : creator.verify(
                tx.envelope().getPayload().toByteArray(),
                tx.envelope().getSignature().toByteArray());
    if (badSignature.isPresent()) {
      return TxCheck.invalid(parsed, TxValidationCode.BAD_CREATOR_SIGNATURE, badSignature.get());
    }
    String expectedTxId =
        Endorser.txId(tx.signatureHeader().getNonce(), tx.signatureHeader().getCreator());
    if (!expectedTxId.equals(tx.txId())) {
      return TxCheck.invalid(
          parsed, TxValidationCode.BAD_PROPOSAL_TXID, "expected transaction id " + expectedTxId);
    }
    ChaincodeDefinition definition = chaincodes.get(tx.chaincodeName());
    if (definition == null) {
      return TxCheck.invalid(
          parsed, TxValidationCode.INVALID_CHAINCODE, "unknown chaincode " + tx.chaincodeName());
    }
    List<NamespaceSet> sets;
    try {
      sets = NamespaceSet.of(tx.results());
    } catch (MalformedTransactionException e) {
      return TxCheck.invalid(parsed, e.code(), e.getMessage());
    }
    for (NamespaceSet set : sets) {
      boolean writes =
          set.kv().getWritesCount() > 0
              || set.collections().stream().anyMatch(c -> c.hashed().getHashedWritesCount() > 0);
      if (writes && !set.namespace().equals(definition.name())) {
        return TxCheck.invalid(
            parsed,
            TxValidationCode.ILLEGAL_WRITESET,
            "chaincode " + definition.name() + " wrote to namespace " + set.namespace());
      }
      for (NamespaceSet.CollectionSet collection : set.collections()) {
        if (definition.collection(collection.name()).isEmpty()) {
          return TxCheck.invalid(
              parsed,
              TxValidationCode.INVALID_WRITESET,
              "collection " + collection.name() + " is not defined for " + definition.name());
        }
      }
    }
    return new TxCheck(
        parsed, sets, TxValidationCode.VALID, "", endorsementFailure(tx, definition));
  }

  /**
   * Why the endorsements do not satisfy the policy, if they do not. Only endorsements by valid
   * identities with valid signatures count, each as the role its certificate's node OU gives it.
   */
  private Optional<String> endorsementFailure(
      EndorserTransaction tx, ChaincodeDefinition definition) {
    List<Creator> endorsers = new ArrayList<>(tx.endorsements().size());
    List<String> rejected = new ArrayList<>();
    for (Endorsement endorsement : tx.endorsements()) {
      Creator endorser;
      try {
        endorser = organizations.verify(endorsement.getEndorser());
      } catch (IdentityException e) {
        rejected.add("endorser identity: " + e.getMessage());
        continue;
      }
      ByteString signed = tx.proposalResponsePayload().concat(endorsement.getEndorser());
      Optional<String> bad =
          ownEndorsements.produced(endorsement.getSignature(), signed)
              ? Optional.empty()
              : endorser.verify(signed.toByteArray(), endorsement.getSignature().toByteArray());
      if (bad.isPresent()) {
        rejected.add("endorsement of " + endorser.describe() + ": " + bad.get());
      } else {
        endorsers.add(endorser);
      }
    }
    PrincipalPolicy policy = definition.policyFor(tx.function());
    if (policy.isSatisfiedBy(endorsers)) {
      return Optional.empty();
    }
    return Optional.of(
        "valid endorsements by "
            + endorsers.stream().map(Creator::describe).toList()
            + " do not satisfy "
            + policy
            + ", the policy of "
            + tx.function()
            + (rejected.isEmpty() ? "" : "; rejected " + rejected));
  }

  /** The in-order decisions for one block and the effects of its valid transactions. */
  private final class Outcome {
    private final long number;
    private final List<TxRecord> records = new ArrayList<>();
    private final List<PublicWrite> writes = new ArrayList<>();
    private final List<PrivateWrite> privateWrites = new ArrayList<>();
    private final List<HistoryRecord> history = new ArrayList<>();
    private final List<ChaincodeEvent> events = new ArrayList<>();
    private final Set<String> seenTxIds = new HashSet<>();
    private final Map<String, NavigableMap<String, Version>> pendingPublic = new HashMap<>();
    private final Set<String> pendingPrivate = new HashSet<>();

    private Outcome(long number) {
      this.number = number;
    }

    private void decide(int txNumber, TxCheck check) {
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
            pendingPublic.computeIfAbsent(
                set.namespace(), n -> new TreeMap<>(KeyOrder.CODE_POINTS));
        for (KVWrite write : set.kv().getWritesList()) {
          Optional<ByteString> value =
              write.getIsDelete() ? Optional.empty() : Optional.of(write.getValue());
          PublicWrite publicWrite =
              new PublicWrite(set.namespace(), write.getKey(), value, version);
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
              || !sha256(set.getRwset()).equals(collection.privateSetHash())) {
            continue;
          }
          try {
            for (KVWrite write : KVRWSet.parseFrom(set.getRwset()).getWritesList()) {
              plain.put(sha256(ByteString.copyFromUtf8(write.getKey())), write);
            }
          } catch (InvalidProtocolBufferException e) {
            return Map.of();
          }
        }
      }
      return plain;
    }
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

  private static ByteString sha256(ByteString bytes) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes.asReadOnlyByteBuffer());
      return ByteString.copyFrom(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
