package io.twinledger.service.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.OnEmbeddedDb;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A client that sends part of a large import and closes its socket: the server stops within
 * seconds, keeps what it stored, and no thread goes on working on the file.
 */
@OnEmbeddedDb
class ImportDisconnectTest {

  private static final String SOURCE = "bulk:disconnect.csv";

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  @Test
  void anImportWhoseClientGoesAwayStopsAndKeepsWhatItStored() throws Exception {
    StringBuilder body =
        new StringBuilder("asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n");
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    int rows = 0;
    for (; rows < 100; rows++) {
      body.append(row(start.plusSeconds(60L * rows), "1"));
    }
    // The probe's line: millions of digits, which once kept a core busy for minutes after the
    // client had gone. It comes early, so that the server reads it before the connection drops.
    char[] digits = new char[3_000_000];
    Arrays.fill(digits, '7');
    body.append(row(start.plusSeconds(60L * rows++), new String(digits)));
    for (int i = 0; i < 14_000; i++, rows++) {
      body.append(row(start.plusSeconds(60L * rows), "2"));
    }
    byte[] sent = body.toString().getBytes(StandardCharsets.UTF_8);

    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      String head =
          "POST /api/v1/twin/imports?name=disconnect.csv HTTP/1.1\r\n"
              + "Host: 127.0.0.1:"
              + port
              + "\r\nAuthorization: Basic "
              + Base64.getEncoder().encodeToString("operator:operator".getBytes())
              + "\r\nContent-Type: text/csv\r\n"
              // The body announced is 100 MB more than what is sent before the socket closes.
              + "Content-Length: "
              + (sent.length + 100_000_000L)
              + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(sent);
      out.flush();
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (importThreads().isEmpty() && storedCount() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Duration stopped = awaitNoImportThread(Duration.ofSeconds(20));
    assertThat(stopped).as("time until no thread works on the import").isNotNull();
    long stored = storedCount();
    Thread.sleep(1_000);
    assertThat(storedCount()).as("the stored count has stopped growing").isEqualTo(stored);
    assertThat(stored).isPositive().isLessThanOrEqualTo(rows - 1);
    assertThat(importThreads()).isEmpty();
  }

  private static String row(Instant observedAt, String value) {
    return "dma-north-hill,system-input-volume,inlet," + observedAt + "," + value + ",MTQ\n";
  }

  private long storedCount() {
    Long count =
        new JdbcTemplate(dataSource)
            .queryForObject("SELECT count(*) FROM reading WHERE source = ?", Long.class, SOURCE);
    return count == null ? 0 : count;
  }

  /** How long until no thread runs import code, or null if one still does after {@code limit}. */
  private static Duration awaitNoImportThread(Duration limit) throws InterruptedException {
    long begin = System.nanoTime();
    while (System.nanoTime() - begin < limit.toNanos()) {
      if (importThreads().isEmpty()) {
        return Duration.ofNanos(System.nanoTime() - begin);
      }
      Thread.sleep(100);
    }
    return null;
  }

  private static List<String> importThreads() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(
            e ->
                e.getKey().getName().equals("bulk-store") && e.getKey().isAlive()
                    || Arrays.stream(e.getValue())
                        .anyMatch(
                            f ->
                                f.getClassName().startsWith("io.twinledger.twin.bulk.")
                                    || f.getClassName()
                                        .startsWith("io.twinledger.twin.ingest.BulkImport")))
        .map(e -> e.getKey().getName())
        .toList();
  }
}
