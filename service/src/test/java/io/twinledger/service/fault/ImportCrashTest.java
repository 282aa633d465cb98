package io.twinledger.service.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.ledger.store.TestDatabases;
import io.twinledger.service.cli.CliAccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service is killed with SIGKILL in the middle of a one-million-reading import. After a
 * restart, every reading it had committed is stored exactly once, re-running the import stores the
 * rest, and running it a third time changes nothing.
 */
class ImportCrashTest {

  private static final int READINGS = 1_000_000;

  @TempDir Path dir;
  private Process service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.destroyForcibly();
    }
  }

  @Test
  void aKilledImportResumesWithEveryReadingStoredExactlyOnce() throws Exception {
    String db = TestDatabases.freshDatabase(TestDatabases.Target.EMBEDDED);
    Path file = dir.resolve("million.csv");
    writeCsv(file);
    int port = DemoProcess.freePort();

    service = start(db, port);
    CompletableFuture<Integer> interrupted =
        CompletableFuture.supplyAsync(() -> importFile(file, port));
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> count(db) >= READINGS / 3);
    service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    long committed = count(db);
    assertThat(committed).isBetween(1L, (long) READINGS - 1);
    assertThat(interrupted.get(60, TimeUnit.SECONDS))
        .as("the CLI reports the failure")
        .isEqualTo(1);

    service = start(db, port);
    assertThat(count(db)).as("nothing committed is lost").isEqualTo(committed);
    assertThat(importFile(file, port)).isZero();
    assertThat(count(db)).isEqualTo(READINGS);
    assertThat(distinctKeys(db)).isEqualTo(READINGS);

    assertThat(importFile(file, port)).isZero();
    assertThat(count(db)).as("a third run changes nothing").isEqualTo(READINGS);
  }

  private Process start(String db, int port) throws Exception {
    // Only the import is under test: the demo's bonds and village stay out.
    return DemoProcess.start(
        dir,
        db,
        port,
        "--twinledger.twin.mqtt.embedded=false",
        "--twinledger.demo.bonds.enabled=false",
        "--twinledger.demo.village.enabled=false");
  }

  private static int importFile(Path file, int port) {
    return CliAccess.importFile(
        file,
        "http://localhost:" + port,
        Map.of("TWINLEDGER_PASSWORD", "operator"),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private static void writeCsv(Path file) throws IOException {
    Instant start = Instant.parse("2018-01-01T00:00:00Z");
    try (Writer out = Files.newBufferedWriter(file)) {
      out.write("asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n");
      for (int i = 0; i < READINGS; i++) {
        out.write("dma-north-hill,system-input-volume,inlet-");
        out.write(Integer.toString(i % 100));
        out.write(',');
        out.write(start.plusSeconds(60L * (i / 100)).toString());
        out.write(',');
        out.write(Integer.toString(1_000 + i % 777));
        out.write(",LTR\n");
      }
    }
  }

  private static long count(String db) throws Exception {
    return single(db, "SELECT count(*) FROM reading WHERE source = 'bulk:million.csv'");
  }

  private static long distinctKeys(String db) throws Exception {
    return single(
        db,
        "SELECT count(DISTINCT (sensor_id, observed_at)) FROM reading"
            + " WHERE source = 'bulk:million.csv'");
  }

  private static long single(String db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
