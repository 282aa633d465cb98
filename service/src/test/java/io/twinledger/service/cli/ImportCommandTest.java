package io.twinledger.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** {@code ./twinledger import} against the running service, over real HTTP. */
@OnEmbeddedDb
class ImportCommandTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aFileIsImportedWithProgressAndImportingItAgainChangesNothing() throws Exception {
    Instant start =
        Instant.parse("2020-01-01T00:00:00Z")
            .plusSeconds(ThreadLocalRandom.current().nextLong(100_000_000));
    StringBuilder csv =
        new StringBuilder("asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n");
    for (int i = 0; i < 2_000; i++) {
      csv.append("dma-north-hill,system-input-volume,inlet,")
          .append(start.plusSeconds(900L * i))
          .append(',')
          .append(1_000 + i)
          .append(",MTQ\n");
    }
    csv.append("dma-north-hill,system-input-volume,inlet,soon,1,MTQ\n");
    Path file = Files.writeString(dir.resolve("history.csv"), csv);

    assertThat(importFile(file)).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("\"stored\":2000")
        .contains("\"duplicates\":0")
        .contains("\"quarantined\":1");
    assertThat(err.toString()).contains("100%");

    out.reset();
    assertThat(importFile(file)).isZero();
    assertThat(out.toString()).contains("\"stored\":0").contains("\"duplicates\":2000");

    var readings =
        new Api(port, json)
            .get(
                "/api/v1/twin/readings?asset=dma-north-hill&kpi=system-input-volume&limit=10000"
                    + "&from="
                    + start
                    + "&to="
                    + start.plusSeconds(900L * 2_000),
                "auditor")
            .json();
    assertThat(readings).hasSize(2_000);
  }

  @Test
  void aWrongPasswordOrAMissingFileIsOneReadableLine() throws Exception {
    Path file = Files.writeString(dir.resolve("x.csv"), "asset_id\n");
    int code =
        ImportCommand.run(
            new String[] {file.toString(), "--url", "http://localhost:" + port},
            Map.of("TWINLEDGER_PASSWORD", "wrong"),
            stream(out),
            stream(err));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines().filter(l -> l.startsWith("twinledger:")))
        .containsExactly("twinledger: import refused (HTTP 401): sign in to use this endpoint");

    err.reset();
    assertThat(ImportCommand.run(new String[] {"/no/such.csv"}, Map.of(), stream(out), stream(err)))
        .isEqualTo(2);
    assertThat(err.toString()).isEqualTo("twinledger: no such file: /no/such.csv\n");
  }

  @Test
  void aFileWithoutTheRequiredColumnsIsRefusedNamingThem() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.csv"), "asset_id,value\ndma-1,1\n");
    assertThat(importFile(file)).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            "twinledger: import refused (HTTP 400): body: CSV header lacks column(s) [kpi_id,"
                + " observed_at]");
  }

  private int importFile(Path file) {
    return ImportCommand.run(
        new String[] {file.toString(), "--url", "http://localhost:" + port, "--user", "operator"},
        Map.of("TWINLEDGER_PASSWORD", "operator"),
        stream(out),
        stream(err));
  }

  private static PrintStream stream(ByteArrayOutputStream buffer) {
    return new PrintStream(buffer, true, StandardCharsets.UTF_8);
  }
}
