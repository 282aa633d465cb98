package io.twinledger.service.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.service.cli.CliAccess;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.twin.KpiPeriodJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's announced evidence commands, run as printed against the demo service: readings of the
 * announced period come in, the period is closed, the export writes a bundle and the verifier
 * passes it.
 */
@OnEmbeddedDb
class DemoEvidenceTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @TempDir Path dir;

  @Test
  void theAnnouncedCommandsExportAndVerifyTheAnnouncedPeriod() {
    EvidenceExample example = EvidenceExample.of(Clock.systemUTC());
    String base = "http://localhost:" + port;
    List<String> commands = example.commands(base);
    assertThat(commands.getFirst())
        .startsWith("TWINLEDGER_PASSWORD=auditor ./twinledger export-evidence --url " + base)
        .contains("--asset dma-north-hill --kpi system-input-volume --kind DAY --start ");
    assertThat(commands.get(1)).isEqualTo("./twinledger verify evidence.json");

    Api api = new Api(port, json);
    var imported =
        api.send(
            "POST",
            "/api/v1/twin/imports?name=demo-evidence.csv&format=csv",
            "operator",
            "asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n"
                + "dma-north-hill,system-input-volume,inlet,"
                + example.start().plus(Duration.ofHours(3))
                + ",1200,MTQ\n"
                + "dma-north-hill,system-input-volume,inlet,"
                + example.start().plus(Duration.ofHours(15))
                + ",1300,MTQ\n");
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    periods.closeDuePeriods();
    String periodsPath =
        "/api/v1/assets/dma-north-hill/kpis/system-input-volume/periods?kind=DAY&from="
            + example.start()
            + "&to="
            + example.start().plus(Duration.ofHours(1));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api.get(periodsPath, "auditor").json().size() == 1);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] export = commands.getFirst().split(" ");
    assertThat(Arrays.asList(export).subList(0, 3))
        .containsExactly("TWINLEDGER_PASSWORD=auditor", "./twinledger", "export-evidence");
    String[] args = Arrays.copyOfRange(export, 3, export.length);
    int last = args.length - 1;
    assertThat(args[last]).isEqualTo("evidence.json");
    args[last] = dir.resolve("evidence.json").toString();
    int exported =
        CliAccess.exportEvidence(
            args, Map.of("TWINLEDGER_PASSWORD", "auditor"), print(out), print(err));
    assertThat(exported).as(err.toString(StandardCharsets.UTF_8)).isZero();

    int verified = CliAccess.verify(dir.resolve("evidence.json"), print(out), print(err));
    String report = out.toString(StandardCharsets.UTF_8);
    assertThat(verified).as(report).isZero();
    assertThat(report)
        .contains("period dma-north-hill system-input-volume DAY " + example.start())
        .contains("ok — value 2500 MTQ")
        .contains("verdict: VERIFIED");
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
