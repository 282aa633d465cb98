package io.twinledger.service.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.lifecycle.Lifecycle;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store as a source for streaming event processors, whose streams tell their reader when
 * new events can be read, so that a pooled streaming processor handles an event as soon as it is
 * stored instead of at its next poll.
 *
 * <p>A {@code PooledStreamingEventProcessor} asks its stream for an availability callback ({@link
 * org.axonframework.common.stream.BlockingStream#setOnAvailableCallback}); a stream that accepts
 * one is trusted to call it for every new event, and the processor then looks by itself only every
 * {@code min(tokenClaimInterval, claimExtensionThreshold)} (5 s by default). The streams of Axon's
 * {@code EmbeddedEventStore} accept none, so the processor looks every 500 ms: a projection sees an
 * event a quarter of a second after it is stored on average, and up to half a second.
 *
 * <p>The embedded store itself learns of new events promptly: its producer reads them from the
 * storage engine into a cache that all its streams share, woken after every commit in this JVM and
 * polling every {@code fetchDelay} (a second by default) for events appended by other processes.
 * This source follows that cache with a stream of its own, on one thread, and calls the callbacks
 * of the open streams whenever events arrive there, local or not. A reader is therefore woken only
 * once its events are readable, and a call that comes while its processor is busy makes it run
 * again afterwards. Calls are at most one per {@value #COALESCE_MILLIS} ms, so that a processor
 * under a steady stream of events takes them in batches rather than in one transaction each.
 *
 * <p>Streams accept callbacks only while the store is followed: from the start of Axon's lifecycle
 * ({@link Phase#OUTBOUND_EVENT_CONNECTORS}, before the processors start) until the processors have
 * stopped. At other times, or when built not to announce, they refuse, and processors poll as they
 * would on the store itself.
 */
public final class NotifyingEventSource
    implements StreamableMessageSource<TrackedEventMessage<?>>, Lifecycle {

  private static final Logger log = LoggerFactory.getLogger(NotifyingEventSource.class);

  /** The shortest interval between two calls of the callbacks. */
  static final long COALESCE_MILLIS = 10;

  /** How long to wait before following the store again after reading it failed. */
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final StreamableMessageSource<TrackedEventMessage<?>> store;
  private final boolean announce;
  private final Set<NotifyingStream> listening = ConcurrentHashMap.newKeySet();
  private final Object lifecycleLock = new Object();
  private Thread follower;
  private volatile boolean following;

  /**
   * @param store the event store (Axon's {@code EmbeddedEventStore}), whose streams this source
   *     hands out
   * @param announce whether to follow the store and announce new events at all; without, this
   *     source is the store as it is
   */
  public NotifyingEventSource(
      StreamableMessageSource<TrackedEventMessage<?>> store, boolean announce) {
    this.store = store;
    this.announce = announce;
  }

  @Override
  public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
    return new NotifyingStream(store.openStream(trackingToken));
  }

  @Override
  public TrackingToken createTailToken() {
    return store.createTailToken();
  }

  @Override
  public TrackingToken createHeadToken() {
    return store.createHeadToken();
  }

  @Override
  public TrackingToken createTokenAt(Instant dateTime) {
    return store.createTokenAt(dateTime);
  }

  @Override
  public void registerLifecycleHandlers(LifecycleRegistry lifecycle) {
    lifecycle.onStart(Phase.OUTBOUND_EVENT_CONNECTORS, this::startFollowing);
    // After the processors (INBOUND_EVENT_CONNECTORS), before the store (10 phases lower).
    lifecycle.onShutdown(Phase.INBOUND_EVENT_CONNECTORS - 5, this::stopFollowing);
  }

  /**
   * Starts following the store from its current head, unless built not to announce. The stream that
   * follows is open and among the cache's readers when this returns, so every event stored
   * afterwards is announced. Does nothing if already started.
   */
  public void startFollowing() {
    synchronized (lifecycleLock) {
      if (!announce || follower != null) {
        return;
      }
      BlockingStream<TrackedEventMessage<?>> events = headStream();
      following = true;
      follower =
          Thread.ofPlatform().name("event-source-follower").daemon().start(() -> follow(events));
    }
  }

  /** Stops following the store; open streams no longer announce, new ones refuse callbacks. */
  public void stopFollowing() {
    Thread stopping;
    synchronized (lifecycleLock) {
      following = false;
      stopping = follower;
      follower = null;
    }
    listening.clear();
    if (stopping != null) {
      stopping.interrupt();
      try {
        stopping.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * A stream from the store's head that already takes its events from the store's cache (which also
   * starts the store's producer); an empty store's head is its start.
   */
  private BlockingStream<TrackedEventMessage<?>> headStream() {
    BlockingStream<TrackedEventMessage<?>> events = store.openStream(store.createHeadToken());
    events.hasNextAvailable();
    return events;
  }

  private void follow(BlockingStream<TrackedEventMessage<?>> first) {
    BlockingStream<TrackedEventMessage<?>> events = first;
    try {
      while (following) {
        try {
          announceArrivals(events);
        } catch (RuntimeException e) {
          if (!following) {
            break;
          }
          log.warn("Cannot follow the event store; trying again in {}", RETRY, e);
          // Whatever arrives meanwhile, the processors find by themselves.
          notifyListeners();
          events.close();
          events = reopenedAfterPause();
        }
      }
    } catch (InterruptedException e) {
      // Stopping.
    } finally {
      events.close();
    }
  }

  /** Calls the callbacks whenever events arrive, until interrupted or the stream fails. */
  private void announceArrivals(BlockingStream<TrackedEventMessage<?>> events)
      throws InterruptedException {
    while (following) {
      events.nextAvailable();
      while (events.hasNextAvailable()) {
        events.nextAvailable();
      }
      notifyListeners();
      Thread.sleep(COALESCE_MILLIS);
    }
  }

  private BlockingStream<TrackedEventMessage<?>> reopenedAfterPause() throws InterruptedException {
    while (true) {
      Thread.sleep(RETRY);
      try {
        return headStream();
      } catch (RuntimeException e) {
        log.debug("Still cannot read the event store", e);
      }
    }
  }

  private void notifyListeners() {
    for (NotifyingStream stream : listening) {
      try {
        stream.eventsAvailable();
      } catch (RuntimeException e) {
        // A processor that is stopping may no longer accept work; it closes its stream shortly.
        log.debug("An event stream's availability callback failed", e);
      }
    }
  }

  /** A stream of the store that accepts an availability callback while the store is followed. */
  private final class NotifyingStream implements BlockingStream<TrackedEventMessage<?>> {

    private final BlockingStream<TrackedEventMessage<?>> events;
    private volatile Runnable callback;

    private NotifyingStream(BlockingStream<TrackedEventMessage<?>> events) {
      this.events = events;
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
      if (!following) {
        return false;
      }
      this.callback = callback;
      listening.add(this);
      return true;
    }

    private void eventsAvailable() {
      Runnable call = callback;
      if (call != null) {
        call.run();
      }
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
      return events.peek();
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
      return events.hasNextAvailable(timeout, unit);
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
      return events.nextAvailable();
    }

    @Override
    public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
      events.skipMessagesWithPayloadTypeOf(ignoredMessage);
    }

    @Override
    public void close() {
      listening.remove(this);
      events.close();
    }
  }
}
