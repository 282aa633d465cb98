package io.twinledger.ledger.peer.commit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.common.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A solo orderer: accepts envelopes into a queue and cuts them into batches by {@link BatchLimits}
 * on one thread, handing each batch to the committer on that same thread. Envelopes keep their
 * arrival order. While a batch is being committed, new envelopes wait in the queue and go into the
 * next batch, so blocks grow with the load.
 */
public final class Orderer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Orderer.class);

  private final BatchLimits limits;
  private final Consumer<List<Envelope>> committer;
  private final BlockingDeque<Envelope> queue = new LinkedBlockingDeque<>();
  private final Thread cutter;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  /**
   * Starts the cutting thread.
   *
   * @param channel the channel whose blocks it cuts, which names the thread
   * @param committer receives each batch; an exception stops the orderer (the peer cannot go on
   *     after a failed commit)
   */
  public Orderer(String channel, BatchLimits limits, Consumer<List<Envelope>> committer) {
    this.limits = limits;
    this.committer = committer;
    this.cutter = Thread.ofPlatform().name("peer-orderer-" + channel).daemon().start(this::run);
  }

  /**
   * Accepts an envelope for ordering.
   *
   * @throws IllegalStateException when the orderer has stopped
   */
  public void order(Envelope envelope) {
    if (!running) {
      throw new IllegalStateException(
          "the orderer has stopped"
              + (failure == null ? "" : " after a failed commit: " + failure.getMessage()));
    }
    queue.add(envelope);
  }

  private void run() {
    try {
      while (running) {
        Envelope first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        committer.accept(cut(first));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
      running = false;
      log.error("Commit failed; the orderer stops", e);
    }
  }

  private List<Envelope> cut(Envelope first) throws InterruptedException {
    List<Envelope> batch = new ArrayList<>();
    batch.add(first);
    long bytes = first.getSerializedSize();
    long deadline = System.nanoTime() + limits.timeout().toNanos();
    while (batch.size() < limits.maxTransactions()) {
      Envelope next = queue.pollFirst(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (next == null) {
        break;
      }
      if (bytes + next.getSerializedSize() > limits.preferredMaxBytes()) {
        // The cutter is the only consumer, so the envelope can go back to the head: it starts
        // the next block.
        queue.putFirst(next);
        break;
      }
      batch.add(next);
      bytes += next.getSerializedSize();
    }
    return batch;
  }

  @Override
  public void close() {
    running = false;
    cutter.interrupt();
    try {
      cutter.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
