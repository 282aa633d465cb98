package io.twinledger.ledger.peer.commit;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.peer.block.BlockEvents;
import io.twinledger.ledger.peer.block.BlockHashes;
import io.twinledger.ledger.peer.chaincode.DeployedChaincode;
import io.twinledger.ledger.peer.endorsement.OwnEndorsements;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.ledger.peer.state.TransactionIndex;
import io.twinledger.ledger.peer.state.TransientStore;
import io.twinledger.ledger.peer.state.TxStatus;
import io.twinledger.ledger.peer.state.WorldState;
import io.twinledger.ledger.peer.store.CommittedBlock;
import io.twinledger.ledger.peer.store.PeerStore;
import io.twinledger.ledger.peer.store.TxRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit pipeline: turns each ordered batch into the next block, has its transactions validated
 * and decided, and stores the block with its effects, then applies and announces it.
 *
 * <ol>
 *   <li>On the orderer's thread: build the block (the header needs no validation result, so the
 *       chain is extended at once), check each transaction on its own, in parallel ({@link
 *       TxValidator}), then, once the previous block's writes are applied, decide the block in
 *       order ({@link BlockOutcome}).
 *   <li>On the store thread: write the block, with the codes in its {@code TRANSACTIONS_FILTER}
 *       metadata, and its valid transactions' state, private data and history in one database
 *       transaction; then apply the writes to the in-memory state, index the transactions, purge
 *       the transient store and notify waiting clients.
 * </ol>
 *
 * <p>So block {@code n + 1}'s signatures are checked while block {@code n} is written to
 * PostgreSQL. A failure to store stops the pipeline: the peer commits no further block.
 */
public final class Committer implements Consumer<List<Envelope>>, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Committer.class);

  private final TxValidator validator;
  private final WorldState state;
  private final TransactionIndex transactions;
  private final TransientStore transientStore;
  private final PeerStore store;
  private final CommitNotifier notifier;
  private final ExecutorService storer;
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
      Map<String, DeployedChaincode> chaincodes,
      WorldState state,
      TransactionIndex transactions,
      TransientStore transientStore,
      OwnEndorsements ownEndorsements,
      EnvelopeAdmission admission,
      PeerStore store,
      CommitNotifier notifier,
      long height,
      ByteString previousHash) {
    this.validator =
        new TxValidator(channel, organizations, chaincodes, ownEndorsements, admission);
    this.storer =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("peer-committer-" + channel).factory());
    this.state = state;
    this.transactions = transactions;
    this.transientStore = transientStore;
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
            .mapToObj(i -> validator.validate(data.getData(i)))
            .toList();
    long checked = System.nanoTime();
    awaitStored();
    long waited = System.nanoTime();
    BlockOutcome outcome = new BlockOutcome(number, state, transactions, transientStore);
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
      BlockOutcome outcome,
      long checking,
      long deciding) {
    long number = header.getNumber();
    long started = System.nanoTime();
    byte[] filter = new byte[outcome.records().size()];
    for (int i = 0; i < filter.length; i++) {
      filter[i] = (byte) outcome.records().get(i).code().getNumber();
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
            outcome.records(),
            outcome.writes(),
            outcome.privateWrites(),
            outcome.history());
    store.append(committed);
    long stored = System.nanoTime();
    state.apply(outcome.writes(), outcome.privateWrites());
    List<String> txIds = new ArrayList<>();
    for (TxRecord record : outcome.records()) {
      if (!record.txId().isEmpty()) {
        transactions.record(record.txId(), new TxStatus(number, record.txNumber(), record.code()));
        txIds.add(record.txId());
      }
    }
    transientStore.purgeBelow(number + 1);
    notifier.committed(number, txIds, new BlockEvents(number, outcome.events()));
    long applied = System.nanoTime();
    CommitStatistics before = statistics;
    statistics =
        new CommitStatistics(
            before.blocks() + 1,
            before.transactions() + outcome.records().size(),
            before.valid()
                + outcome.records().stream()
                    .filter(r -> r.code() == TxValidationCode.VALID)
                    .count(),
            before.checking().plusNanos(checking),
            before.deciding().plusNanos(deciding),
            before.storing().plusNanos(stored - started),
            before.applying().plusNanos(applied - stored));
  }

  /** Time spent per phase so far. */
  public CommitStatistics statistics() {
    return statistics;
  }
}
