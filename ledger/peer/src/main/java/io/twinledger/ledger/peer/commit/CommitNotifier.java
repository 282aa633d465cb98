package io.twinledger.ledger.peer.commit;

import io.twinledger.ledger.peer.block.BlockEvents;
import io.twinledger.ledger.peer.state.TransactionIndex;
import io.twinledger.ledger.peer.state.TxStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Tells waiting clients about commits: the status of a transaction once its block is committed, and
 * the chaincode events of each committed block (kept in memory for the most recent {@link
 * #RECENT_BLOCKS} blocks, read back from the store for older ones).
 */
public final class CommitNotifier {

  /** How many recent blocks' events are kept in memory for live event streams. */
  public static final int RECENT_BLOCKS = 256;

  private final TransactionIndex transactions;
  private final LongFunction<Optional<Block>> blocks;
  private final Map<String, CompletableFuture<TxStatus>> waiting = new ConcurrentHashMap<>();
  private final Map<Long, BlockEvents> recent = new ConcurrentHashMap<>();
  private final Object heightMonitor = new Object();
  private volatile long height;

  /**
   * @param blocks reads a committed block by number
   * @param height the chain height at start
   */
  public CommitNotifier(
      TransactionIndex transactions, LongFunction<Optional<Block>> blocks, long height) {
    this.transactions = transactions;
    this.blocks = blocks;
    this.height = height;
  }

  /** The number of committed blocks. */
  public long height() {
    return height;
  }

  /**
   * The commit status of {@code txId}: complete at once when it is committed, otherwise when its
   * block commits. Call {@link #forget} when no longer interested.
   */
  public CompletableFuture<TxStatus> status(String txId) {
    CompletableFuture<TxStatus> future =
        waiting.computeIfAbsent(txId, id -> new CompletableFuture<>());
    // The committer records a transaction before it looks for waiters, so a status looked up after
    // registering cannot be missed.
    transactions
        .find(txId)
        .ifPresent(
            status -> {
              future.complete(status);
              waiting.remove(txId, future);
            });
    return future;
  }

  /** Stops waiting for {@code txId}. */
  public void forget(String txId, CompletableFuture<TxStatus> future) {
    waiting.remove(txId, future);
  }

  /** Called by the committer after a block is stored and its transactions are indexed. */
  void committed(long number, List<String> txIds, BlockEvents events) {
    recent.put(number, events);
    recent.remove(number - RECENT_BLOCKS);
    synchronized (heightMonitor) {
      height = number + 1;
      heightMonitor.notifyAll();
    }
    for (String txId : txIds) {
      CompletableFuture<TxStatus> future = waiting.remove(txId);
      if (future != null) {
        transactions.find(txId).ifPresent(future::complete);
      }
    }
  }

  /** The chaincode events of committed block {@code number}. */
  public BlockEvents events(long number) {
    BlockEvents cached = recent.get(number);
    if (cached != null) {
      return cached;
    }
    return blocks
        .apply(number)
        .map(BlockEvents::of)
        .orElseThrow(() -> new IllegalStateException("Block " + number + " is not committed"));
  }

  /** Committed block {@code number}, as stored; empty when it is not committed. */
  public Optional<Block> block(long number) {
    return blocks.apply(number);
  }

  /**
   * Waits until block {@code number} is committed or {@code timeoutMillis} pass.
   *
   * @return whether the block is committed
   */
  public boolean awaitBlock(long number, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    synchronized (heightMonitor) {
      while (height <= number) {
        long remaining = deadline - System.currentTimeMillis();
        if (remaining <= 0) {
          return false;
        }
        heightMonitor.wait(remaining);
      }
      return true;
    }
  }
}
