package io.twinledger.service.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.ledger.asset.api.AssetRuleViolation;
import io.twinledger.ledger.asset.api.RecordKpiPeriod;
import io.twinledger.ledger.period.KpiPeriodSeries;
import io.twinledger.ledger.store.TestDatabases;
import io.twinledger.ledger.store.TestEventStorage;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Two Axon instances on one PostgreSQL, each with its own command bus and aggregate locks, send
 * commands to the same aggregate at once: without the retry some lose the race for a sequence
 * number; with it every command is recorded. A command's own refusal is not retried.
 */
class ConflictRetryTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final int PERIODS_EACH = 60;

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  @Test
  void commandsThatLoseTheRaceForTheirAggregateAreSentAgain() throws Exception {
    String db = TestDatabases.freshDatabase(TestDatabases.Target.EMBEDDED);
    Configuration first = instance(db);
    Configuration second = instance(db);
    ConflictRetry retry = new ConflictRetry(Duration.ofMillis(20), 6);
    open.add(retry);

    List<Throwable> failed =
        race(gateway(first, Optional.of(retry)), gateway(second, Optional.of(retry)), "series-a");

    assertThat(failed).isEmpty();
    assertThat(events(db, "series-a")).isEqualTo(2 * PERIODS_EACH);
  }

  /** The race is real: the same load without the retry loses commands. */
  @Test
  void withoutTheRetrySomeCommandsFail() throws Exception {
    String db = TestDatabases.freshDatabase(TestDatabases.Target.EMBEDDED);
    Configuration first = instance(db);
    Configuration second = instance(db);

    List<Throwable> failed =
        race(gateway(first, Optional.empty()), gateway(second, Optional.empty()), "series-b");

    assertThat(failed)
        .isNotEmpty()
        .allSatisfy(
            f ->
                assertThat(f)
                    .isInstanceOfAny(
                        ConcurrencyException.class, AggregateStreamCreationException.class));
    assertThat(events(db, "series-b")).isEqualTo(2 * PERIODS_EACH - failed.size());
  }

  @Test
  void onlyLostRacesAreRetried() {
    ConflictRetry retry = new ConflictRetry(Duration.ofMillis(1), 3);
    open.add(retry);
    assertThat(handledTimes(retry, () -> new ConcurrencyException("lost")))
        .as("a lost race, up to the limit")
        .isEqualTo(4);
    assertThat(
            handledTimes(
                retry,
                () -> new AggregateStreamCreationException("created elsewhere", new Exception())))
        .as("a lost creation, once")
        .isEqualTo(2);
    assertThat(handledTimes(retry, () -> new AssetRuleViolation("value", "not allowed")))
        .as("a refusal, never")
        .isEqualTo(1);
    assertThat(
            handledTimes(
                retry,
                () -> new IllegalStateException("wrapped", new ConcurrencyException("lost"))))
        .as("a lost race as a cause")
        .isEqualTo(4);
  }

  /** How often a handler that always fails with {@code failure} runs for one command. */
  private static int handledTimes(ConflictRetry retry, Supplier<RuntimeException> failure) {
    SimpleCommandBus bus = SimpleCommandBus.builder().build();
    AtomicInteger handled = new AtomicInteger();
    bus.subscribe(
        String.class.getName(),
        command -> {
          handled.incrementAndGet();
          throw failure.get();
        });
    CommandGateway gateway =
        DefaultCommandGateway.builder().commandBus(bus).retryScheduler(retry).build();
    assertThatThrownBy(() -> gateway.sendAndWait(GenericCommandMessage.asCommandMessage("x")))
        .isInstanceOf(RuntimeException.class);
    return handled.get();
  }

  /**
   * Both instances record {@value #PERIODS_EACH} periods each on one series at the same time, the
   * first the even days, the second the odd ones; returns the commands that failed.
   */
  private static List<Throwable> race(CommandGateway first, CommandGateway second, String kpi)
      throws InterruptedException {
    List<Throwable> failed = new CopyOnWriteArrayList<>();
    List<Thread> sending = new ArrayList<>();
    for (int instance = 0; instance < 2; instance++) {
      CommandGateway gateway = instance == 0 ? first : second;
      int parity = instance;
      // Threads of their own: the common pool may have a single thread on a small machine.
      sending.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < PERIODS_EACH; i++) {
                      try {
                        gateway.sendAndWait(period(kpi, 2 * i + parity));
                      } catch (RuntimeException e) {
                        failed.add(e);
                      }
                    }
                  }));
    }
    for (Thread thread : sending) {
      thread.join();
    }
    return failed;
  }

  private Configuration instance(String db) {
    HikariDataSource dataSource = TestDatabases.migrated(db, 4);
    open.add(dataSource);
    TransactionManager transactions =
        new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
    Configuration axon =
        DefaultConfigurer.defaultConfiguration()
            .configureTransactionManager(c -> transactions)
            .configureSerializer(c -> TestEventStorage.serializer())
            .configureEmbeddedEventStore(c -> TestEventStorage.engine(dataSource, transactions))
            .configureAggregate(KpiPeriodSeries.class)
            .buildConfiguration();
    axon.start();
    open.add(axon::shutdown);
    return axon;
  }

  private static CommandGateway gateway(Configuration axon, Optional<ConflictRetry> retry) {
    DefaultCommandGateway.Builder builder =
        DefaultCommandGateway.builder().commandBus(axon.commandBus());
    retry.ifPresent(builder::retryScheduler);
    return builder.build();
  }

  private static RecordKpiPeriod period(String kpi, int day) {
    Instant start = START.plusSeconds(86_400L * day);
    return new RecordKpiPeriod(
        "dma-1",
        kpi,
        "DAY",
        start,
        start.plusSeconds(86_400),
        1,
        Optional.of(new BigDecimal(day)),
        "C62",
        new BigDecimal("100"),
        96,
        Map.of(),
        List.of("ab".repeat(32)),
        Map.of(),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  /** The events of the series of {@code kpi}. */
  private static long events(String db, String kpi) throws Exception {
    try (Connection c = DriverManager.getConnection(db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = 'dma-1/"
                    + kpi
                    + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
