package io.twinledger.ledger.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.finance.money.Money;
import io.twinledger.ledger.asset.InfrastructureAsset;
import io.twinledger.ledger.asset.api.Aggregation;
import io.twinledger.ledger.asset.api.BetterDirection;
import io.twinledger.ledger.asset.api.ContractualThreshold;
import io.twinledger.ledger.asset.api.DefineKpi;
import io.twinledger.ledger.asset.api.KpiDefined;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.api.RegisterAsset;
import io.twinledger.ledger.asset.api.WaterDistrictParameters;
import io.twinledger.ledger.store.LocalPostgres;
import io.twinledger.ledger.store.TestDatabases;
import io.twinledger.ledger.store.TestEventStorage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Event appends per second through Axon's JDBC storage engine on the embedded PostgreSQL (durable:
 * fsync and synchronous commit on, as {@code ./twinledger} runs it), beside raw JDBC batch inserts
 * of the same serialised payloads into a table of the same shape, all in one run.
 *
 * <p>Run with {@code ./mvnw -Pbench -pl ledger/books -am verify -Dtest=EventAppendBenchmark}; the
 * table goes to standard output and to {@code ledger/target/benchmarks/event-append.md}.
 */
@Tag("benchmark")
class EventAppendBenchmark {

  private static final int WARMUP_ROUNDS = 2;
  private static final int MEASURED_ROUNDS = 3;

  @Test
  void appendThroughput() throws Exception {
    Path dir = Files.createTempDirectory("twinledger-bench");
    try (LocalPostgres postgres =
            LocalPostgres.start(dir.resolve("pg"), LocalPostgres.Durability.DURABLE);
        HikariDataSource dataSource = TestDatabases.migrated(postgres.ensureDatabase("bench"), 4)) {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE raw_event_entry (LIKE domain_event_entry INCLUDING ALL)");
      }
      TransactionManager transactions =
          new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
      JdbcEventStorageEngine engine = TestEventStorage.engine(dataSource, transactions);

      List<String> rows = new ArrayList<>();
      byte[] payload = TestEventStorage.serializer().serialize(event("a"), byte[].class).getData();
      System.out.println("Payload: " + payload.length + " bytes of JSON (a KpiDefined event)");
      for (int batch : new int[] {1, 100}) {
        int events = batch == 1 ? 2_000 : 50_000;
        double axon = measure(() -> appendThroughAxon(engine, transactions, events, batch), events);
        double raw = measure(() -> appendRaw(dataSource, payload, events, batch), events);
        rows.add(row("Axon `JdbcEventStorageEngine.appendEvents`", batch, axon, raw));
        rows.add(row("raw JDBC `executeBatch` (baseline)", batch, raw, raw));
      }
      int commands = 2_000;
      double viaCommands =
          measure(() -> sendCommands(dataSource, transactions, commands), commands);
      rows.add(
          "| command → `InfrastructureAsset` → event store, one command per transaction, "
              + "1 client thread | 1 | "
              + format(viaCommands)
              + " | — |");
      report(rows);
    }
  }

  private static String row(String path, int batch, double rate, double baseline) {
    return "| "
        + path
        + " | "
        + batch
        + " | "
        + format(rate)
        + " | "
        + String.format(Locale.ROOT, "%.2f", rate / baseline)
        + " |";
  }

  private static void appendThroughAxon(
      JdbcEventStorageEngine engine, TransactionManager transactions, int events, int batch) {
    for (int done = 0; done < events; done += batch) {
      String aggregate = UUID.randomUUID().toString();
      List<EventMessage<?>> messages = new ArrayList<>(batch);
      for (int seq = 0; seq < batch; seq++) {
        DomainEventMessage<KpiDefined> message =
            new GenericDomainEventMessage<>(
                "InfrastructureAsset", aggregate, seq, event(aggregate));
        messages.add(message);
      }
      transactions.executeInTransaction(() -> engine.appendEvents(messages));
    }
  }

  private static void appendRaw(
      HikariDataSource dataSource, byte[] payload, int events, int batch) {
    String sql =
        "INSERT INTO raw_event_entry (event_identifier, aggregate_identifier, sequence_number,"
            + " type, time_stamp, payload_type, payload_revision, payload, meta_data)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    byte[] metaData = "{}".getBytes();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(sql)) {
      connection.setAutoCommit(false);
      for (int done = 0; done < events; done += batch) {
        String aggregate = UUID.randomUUID().toString();
        for (int seq = 0; seq < batch; seq++) {
          insert.setString(1, UUID.randomUUID().toString());
          insert.setString(2, aggregate);
          insert.setLong(3, seq);
          insert.setString(4, "InfrastructureAsset");
          insert.setString(5, Instant.now().toString());
          insert.setString(6, KpiDefined.class.getName());
          insert.setString(7, null);
          insert.setBytes(8, payload);
          insert.setBytes(9, metaData);
          insert.addBatch();
        }
        insert.executeBatch();
        connection.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sendCommands(
      HikariDataSource dataSource, TransactionManager transactions, int commands) {
    Configuration axon =
        DefaultConfigurer.defaultConfiguration()
            .configureTransactionManager(c -> transactions)
            .configureSerializer(c -> TestEventStorage.serializer())
            .configureEmbeddedEventStore(c -> TestEventStorage.engine(dataSource, transactions))
            .configureAggregate(
                AggregateConfigurer.defaultConfiguration(InfrastructureAsset.class)
                    .configureSnapshotTrigger(
                        c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), 50)))
            .buildConfiguration();
    axon.start();
    try {
      int assets = 100;
      String run = UUID.randomUUID().toString().substring(0, 8);
      long[] versions = new long[assets];
      for (int a = 0; a < assets; a++) {
        axon.commandGateway()
            .sendAndWait(
                new RegisterAsset("bench-" + run + "-" + a, "Bench", "UTC", water(), List.of()));
      }
      for (int i = 0; i < commands; i++) {
        int a = i % assets;
        versions[a] =
            axon.commandGateway()
                .<Long>sendAndWait(
                    new DefineKpi("bench-" + run + "-" + a, versions[a], definition("t" + i)));
      }
    } finally {
      axon.shutdown();
    }
  }

  private static double measure(Runnable round, int items) {
    for (int i = 0; i < WARMUP_ROUNDS; i++) {
      round.run();
    }
    double best = 0;
    for (int i = 0; i < MEASURED_ROUNDS; i++) {
      long start = System.nanoTime();
      round.run();
      double perSecond = items / ((System.nanoTime() - start) / 1e9);
      best = Math.max(best, perSecond);
    }
    return best;
  }

  private static KpiDefined event(String aggregate) {
    return new KpiDefined(aggregate, definition("target"));
  }

  private static KpiDefinition definition(String threshold) {
    return KpiDefinition.measured(
        "nrw-percent",
        "P1",
        Aggregation.LAST,
        BetterDirection.LOWER,
        List.of(
            new ContractualThreshold(threshold.toLowerCase(Locale.ROOT), new BigDecimal("20"))));
  }

  private static WaterDistrictParameters water() {
    return new WaterDistrictParameters(
        new BigDecimal("42.5"),
        6200,
        new BigDecimal("9.3"),
        new BigDecimal("48"),
        Money.of("EUR", "2.35"));
  }

  private static String format(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  private static void report(List<String> rows) throws IOException {
    List<String> table = new ArrayList<>();
    table.add(
        "| write path | events per transaction | events/s (best of "
            + MEASURED_ROUNDS
            + ") | ratio to raw JDBC |");
    table.add("|---|---:|---:|---:|");
    table.addAll(rows);
    String text = String.join("\n", table) + "\n";
    System.out.println(text);
    Path out = Path.of("target", "benchmarks", "event-append.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, text);
  }
}
