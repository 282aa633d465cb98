package io.twinledger.service.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.ledger.store.TestDatabases;
import io.twinledger.ledger.store.TestEventStorage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A pooled streaming processor reading Axon's {@link EmbeddedEventStore} through {@link
 * NotifyingEventSource} sees a new event long before it would look for one itself: its own looks
 * are set a minute apart here, so every event it handles within seconds was announced. Reading the
 * store directly, the same processor looks every 500 ms, which the control case shows the
 * measurement can tell apart.
 */
class NotifyingEventSourceTest {

  /** The processors' own interval between looks, far beyond any wait in these tests. */
  private static final long POLL_MILLIS = 60_000;

  /** Producer poll for events appended by another process (Axon's default is a second). */
  private static final long FETCH_DELAY_MILLIS = 300;

  private static final int EVENTS = 20;

  private static HikariDataSource dataSource;
  private static TransactionManager transactions;

  /** The payload of the test events; each test's processor handles only its own run. */
  record Ping(String run, int n) {}

  @BeforeAll
  static void database() {
    dataSource = TestDatabases.migrated(8);
    transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
  }

  @AfterAll
  static void closeDatabase() {
    dataSource.close();
  }

  @Test
  void aProcessorSeesEventsCommittedInThisJvmWithoutWaitingForItsPoll() throws Exception {
    EmbeddedEventStore store = store();
    NotifyingEventSource source = new NotifyingEventSource(store, true);
    source.startFollowing();
    try (Handled handled = new Handled(source, "local")) {
      long[] latencies = handled.latenciesOfEventsPublishedOneByOne(store::publish);

      // Each one well within its first poll (a minute away); typically a few milliseconds.
      assertThat(max(latencies)).as("ms %s", Arrays.toString(latencies)).isLessThan(5_000);
      assertThat(median(latencies)).as("ms %s", Arrays.toString(latencies)).isLessThan(250);
    } finally {
      source.stopFollowing();
      store.shutDown();
    }
  }

  @Test
  void eventsAppendedByAnotherProcessArriveWithTheStoresOwnPoll() throws Exception {
    EmbeddedEventStore store = store();
    NotifyingEventSource source = new NotifyingEventSource(store, true);
    source.startFollowing();
    // Another process: its own storage engine on the same tables, unknown to this store.
    JdbcEventStorageEngine elsewhere = TestEventStorage.engine(dataSource, transactions);
    try (Handled handled = new Handled(source, "remote")) {
      long[] latencies =
          handled.latenciesOfEventsPublishedOneByOne(
              event -> transactions.executeInTransaction(() -> elsewhere.appendEvents(event)));

      assertThat(max(latencies)).as("ms %s", Arrays.toString(latencies)).isLessThan(5_000);
    } finally {
      source.stopFollowing();
      store.shutDown();
    }
  }

  /** Control: the measurement above can fail. Axon's own store leaves the processor polling. */
  @Test
  void withoutNotificationsAProcessorWaitsForItsPoll() throws Exception {
    EmbeddedEventStore store = store();
    try (Handled handled = new Handled(store, "control")) {
      long[] latencies = handled.latenciesOfEventsPublishedOneByOne(store::publish);

      assertThat(median(latencies)).as("ms %s", Arrays.toString(latencies)).isGreaterThan(250);
    } finally {
      store.shutDown();
    }
  }

  @Test
  void streamsAcceptCallbacksOnlyWhileTheStoreIsFollowed() {
    EmbeddedEventStore store =
        EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    NotifyingEventSource source = new NotifyingEventSource(store, true);
    assertThat(acceptsCallback(source)).as("before").isFalse();
    source.startFollowing();
    assertThat(acceptsCallback(source)).as("while following").isTrue();
    source.stopFollowing();
    assertThat(acceptsCallback(source)).as("after").isFalse();

    NotifyingEventSource silent = new NotifyingEventSource(store, false);
    silent.startFollowing();
    assertThat(acceptsCallback(silent)).as("built not to announce").isFalse();
    store.shutDown();
  }

  private static boolean acceptsCallback(NotifyingEventSource source) {
    try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
      return stream.setOnAvailableCallback(() -> {});
    }
  }

  private static EmbeddedEventStore store() {
    return EmbeddedEventStore.builder()
        .storageEngine(TestEventStorage.engine(dataSource, transactions))
        .fetchDelay(FETCH_DELAY_MILLIS)
        .timeUnit(TimeUnit.MILLISECONDS)
        .build();
  }

  private static long max(long[] values) {
    return Arrays.stream(values).max().orElseThrow();
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** A pooled streaming processor on the store that notes when it handles each {@link Ping}. */
  private static final class Handled implements AutoCloseable {

    private final BlockingQueue<long[]> handled = new LinkedBlockingQueue<>();
    private final String run;
    private final ScheduledExecutorService coordinator =
        Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
    private final PooledStreamingEventProcessor processor;

    Handled(StreamableMessageSource<TrackedEventMessage<?>> source, String run) {
      this.run = run;
      Object handler =
          new Object() {
            @EventHandler
            void on(Ping ping) {
              if (ping.run().equals(run)) {
                handled.add(new long[] {ping.n(), System.nanoTime()});
              }
            }
          };
      processor =
          PooledStreamingEventProcessor.builder()
              .name(run)
              .eventHandlerInvoker(
                  SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
              .messageSource(source)
              .tokenStore(new InMemoryTokenStore())
              .transactionManager(transactions)
              .coordinatorExecutor(coordinator)
              .workerExecutor(worker)
              .initialSegmentCount(1)
              .tokenClaimInterval(POLL_MILLIS)
              .claimExtensionThreshold(POLL_MILLIS)
              .build();
      processor.start();
    }

    /**
     * Publishes {@link #EVENTS} pings one at a time, each once the previous one was handled;
     * returns the milliseconds from publishing each to handling it.
     */
    long[] latenciesOfEventsPublishedOneByOne(Publisher publisher) throws InterruptedException {
      // The first event also waits for the processor to claim its segment and open its stream.
      publisher.publish(GenericEventMessage.asEventMessage(new Ping(run, -1)));
      assertThat(handled.poll(30, TimeUnit.SECONDS)).as("first event handled").isNotNull();
      List<Long> latencies = new ArrayList<>();
      for (int n = 0; n < EVENTS; n++) {
        long published = System.nanoTime();
        publisher.publish(GenericEventMessage.asEventMessage(new Ping(run, n)));
        long[] handledAt = handled.poll(30, TimeUnit.SECONDS);
        assertThat(handledAt).as("event %d handled", n).isNotNull();
        assertThat(handledAt[0]).isEqualTo(n);
        latencies.add(TimeUnit.NANOSECONDS.toMillis(handledAt[1] - published));
      }
      return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public void close() {
      processor.shutDown();
      coordinator.shutdownNow();
      worker.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface Publisher {
    void publish(org.axonframework.eventhandling.EventMessage<?> event);
  }
}
