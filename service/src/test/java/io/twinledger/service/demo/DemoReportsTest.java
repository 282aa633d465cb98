package io.twinledger.service.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.ReportBundle;
import io.twinledger.reporting.report.ReportBundleJson;
import io.twinledger.reporting.report.ReportType;
import io.twinledger.reporting.report.ReportVerifier;
import io.twinledger.service.demo.feed.DemoFeed;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.TestDatabaseInitializers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's compliance reports: with the feed's history and the sample bonds, the demo issues the
 * bonds' monthly reports as their determinations are co-signed and the auditor attests each; every
 * issued report's bundle, downloaded as an auditor would, verifies offline, every figure computed
 * again.
 *
 * <p>The history is shortened to {@value #HISTORY} (the demo's is a year), enough for the outcome
 * bond's observation and the availability payments of the last months; the jobs run every second or
 * few.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "twinledger.demo.feed.enabled=true",
      "twinledger.demo.feed.history=" + DemoReportsTest.HISTORY,
      "twinledger.demo.bonds.enabled=true",
      "twinledger.demo.village.enabled=false",
      "twinledger.twin.mqtt.embedded=false",
      "twinledger.twin.close-every=PT2S",
      "twinledger.bonds.run-every=PT1S",
      "twinledger.audit.checkpoint-every=PT5S",
      "twinledger.audit.gap-timeout=PT1S"
    })
@ActiveProfiles("demo")
@ContextConfiguration(initializers = TestDatabaseInitializers.Embedded.class)
@DirtiesContext
class DemoReportsTest {

  static final String HISTORY = "P160D";

  private static Path dataDir;

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired DemoFeed feed;
  @Autowired DemoReports reports;

  @DynamicPropertySource
  static void dataDirectory(DynamicPropertyRegistry registry) {
    registry.add("twinledger.data-dir", () -> dataDir().toString());
  }

  @Test
  void everyFigureOfEveryDemoReportVerifiesOffline() {
    Api api = new Api(port, json);
    // The feed's history is in, every decided period is reported, and the auditor is done.
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                feed.phase() == DemoFeed.Phase.LIVE
                    && reports.due().isEmpty()
                    && !listed(api).isEmpty()
                    && listed(api).stream()
                        .noneMatch(r -> r.get("status").asString().equals("AWAITING_ATTESTATION")));
    assertThat(listed(api))
        .extracting(r -> r.get("status").asString())
        .containsOnlyOnce("QUALIFIED")
        .containsOnly("APPROVED", "QUALIFIED");

    List<String> failures = new ArrayList<>();
    Map<ReportType, List<String>> figuresByType = new EnumMap<>(ReportType.class);
    for (JsonNode report : listed(api)) {
      String id = report.get("reportId").asString();
      var bundle = api.download("/api/v1/reports/" + id + "/bundle", "auditor");
      assertThat(bundle.statusCode()).as(new String(bundle.body())).isEqualTo(200);
      Verification verification;
      try {
        ReportBundle read = ReportBundleJson.read(bundle.body());
        read.report().figures().stream()
            .map(Figure::id)
            .forEach(
                f ->
                    figuresByType
                        .computeIfAbsent(read.report().type(), t -> new ArrayList<>())
                        .add(f));
        verification = new ReportVerifier(Consortium::twinLedger).verify(read);
      } catch (Exception e) {
        throw new AssertionError(id + ": " + e.getMessage(), e);
      }
      verification.failures().stream()
          .map(Finding::line)
          .map(l -> id + ": " + l)
          .forEach(failures::add);
      assertThat(verification.findings().stream().map(Finding::line))
          .as(id)
          .anyMatch(l -> l.startsWith("figure kpi."))
          // A payment, or a decision paying nothing (an outcome between the tiers) and its rule.
          .anyMatch(l -> l.startsWith("figure payment.") || l.contains(".f0.tier: ok"));
    }
    assertThat(failures).isEmpty();
    // Each bond type's particulars are figures of their own, verified with the rest.
    assertThat(figuresByType.get(ReportType.BOND_OUTCOME))
        .anyMatch(f -> f.endsWith(".tier"))
        .anyMatch(f -> f.startsWith("method."));
    assertThat(figuresByType.get(ReportType.AVAILABILITY_STATEMENT))
        .anyMatch(f -> f.contains(".max-pp."))
        .anyMatch(f -> f.contains(".deduction."))
        .anyMatch(f -> f.contains(".deductions."));
  }

  private List<JsonNode> listed(Api api) {
    List<JsonNode> all = new ArrayList<>();
    api.get("/api/v1/reports", "auditor").json().forEach(all::add);
    return all;
  }

  private static synchronized Path dataDir() {
    if (dataDir == null) {
      try {
        // Under target/, as the fault tests' directories: removed by a clean, kept for a failure.
        dataDir =
            Files.createTempDirectory(Files.createDirectories(Path.of("target")), "demo-reports-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dataDir;
  }
}
