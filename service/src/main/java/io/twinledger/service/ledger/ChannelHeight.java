package io.twinledger.service.ledger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The height of a channel as a Fabric network's peer tells it, for an instance in fabric mode,
 * which holds no chain of its own: it follows the channel's filtered block events (the peer's
 * {@code DeliverFiltered}) from the first block, so the height is known once the blocks so far are
 * read, and then follows each commit. A broken stream (the peer went away) is opened again from the
 * next block, waiting 1 s and then twice as long each time up to a minute.
 */
public final class ChannelHeight implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChannelHeight.class);
  private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

  private final Network network;
  private final AtomicLong height = new AtomicLong(-1);
  private final Thread follower;
  private volatile CloseableIterator<FilteredBlock> blocks;
  private volatile boolean closed;

  /** Starts following {@code network}'s channel. */
  public ChannelHeight(Network network) {
    this.network = network;
    this.follower =
        Thread.ofVirtual().name("ledger-height-" + network.getName()).start(this::follow);
  }

  /** The channel's name. */
  public String channel() {
    return network.getName();
  }

  /** Blocks on the channel as last seen, or NaN until the first block is read. */
  public double height() {
    long known = height.get();
    return known < 0 ? Double.NaN : known;
  }

  private void follow() {
    Duration wait = FIRST_WAIT;
    while (!closed) {
      long next = Math.max(0, height.get());
      try (CloseableIterator<FilteredBlock> events =
          network.newFilteredBlockEventsRequest().startBlock(next).build().getEvents()) {
        blocks = events;
        while (!closed && events.hasNext()) {
          height.set(events.next().getNumber() + 1);
          wait = FIRST_WAIT;
        }
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        log.debug("Block events of {} broke off; again in {}: {}", channel(), wait, e.toString());
      }
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        return;
      }
      wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
    }
  }

  @Override
  public void close() {
    closed = true;
    CloseableIterator<FilteredBlock> open = blocks;
    if (open != null) {
      open.close();
    }
    follower.interrupt();
  }
}
