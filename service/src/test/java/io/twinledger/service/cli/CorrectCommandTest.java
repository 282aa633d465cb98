package io.twinledger.service.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Api;
import io.twinledger.service.support.InflowDistrict;
import io.twinledger.service.support.OnEmbeddedDb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code ./twinledger correct} against the running service, over real HTTP. */
@OnEmbeddedDb
class CorrectCommandTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private String asset;
  private JsonNode stored;

  @BeforeEach
  void storeAReading() {
    Api api = new Api(port, json);
    asset = "dma-" + UUID.randomUUID().toString().substring(0, 8);
    InflowDistrict.register(api, asset, "Europe/Amsterdam");
    assertThat(
            api.send(
                    "POST",
                    "/api/v1/twin/imports?name=cli.csv&format=csv",
                    "operator",
                    "asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n"
                        + asset
                        + ",system-input-volume,"
                        + asset
                        + "-inlet,2025-09-01T13:00:00Z,99999,MTQ\n")
                .status())
        .isEqualTo(200);
    stored =
        api.get("/api/v1/twin/readings?asset=" + asset, "operator").json().get(0).get("reading");
  }

  @Test
  void supersedesAReadingAndListsIt() {
    int code =
        run(
            "operator",
            "supersede",
            "--source",
            stored.get("source").asString(),
            "--sensor",
            stored.get("sensorId").asString(),
            "--at",
            "2025-09-01T13:00:00Z",
            "--value",
            "99.9",
            "--reason",
            "typed 99999 for 99.9");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .containsPattern(
            "correction \\d+ SUPERSEDE APPLIED: reading "
                + asset
                + "-inlet at 2025-09-01T13:00:00Z \\(batch \\d+\\) 99999 -> 99.9 by operator:"
                + " typed 99999 for 99.9");

    out.reset();
    assertThat(run("auditor", "list", "--status", "APPLIED")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("typed 99999 for 99.9");
  }

  @Test
  void wrongCommandLinesAndRefusalsAreOneReadableLine() {
    assertThat(run("operator", "approve")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("approve needs a correction number");
    err.reset();
    assertThat(run("operator", "resubmit", "--quarantine", "1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("twinledger: resubmit needs --quarantine ID and --payload-file FILE; usage:");
    err.reset();
    assertThat(run("operator", "resubmit", "--quarantine", "1", "--payload-file", "/nonexistent"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("twinledger: cannot read /nonexistent");
    err.reset();
    assertThat(run("operator", "fix")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown correct action 'fix'");
    err.reset();
    assertThat(run("officer", "approve", "999999999")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("twinledger: the service answered HTTP 404: no correction 999999999\n");
    err.reset();
    assertThat(
            run(
                "operator",
                "void",
                "--source",
                stored.get("source").asString(),
                "--sensor",
                stored.get("sensorId").asString(),
                "--at",
                "2025-09-01T13:00:00Z"))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("HTTP 422")
        .contains("reason: is required");
  }

  private int run(String user, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--url";
    all[args.length + 1] = "http://localhost:" + port;
    all[args.length + 2] = "--user";
    all[args.length + 3] = user;
    return CorrectCommand.run(
        all,
        Map.of("TWINLEDGER_PASSWORD", user),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
