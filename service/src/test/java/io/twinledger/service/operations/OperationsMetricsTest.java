package io.twinledger.service.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.InflowDistrict;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.twin.KpiPeriodJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The metrics operators watch, through the real paths: readings imported over HTTP (good, late and
 * bad ones), KPI periods closed by the job, a checkpoint anchored on the embedded peer, a failed
 * login; then {@code /actuator/prometheus} scraped over HTTP, as Prometheus does, and each metric
 * compared with what was done. The alert rules and the Grafana dashboard in {@code docs/operations}
 * are checked against the same scrape: every metric they name is exported.
 */
@OnEmbeddedDb
class OperationsMetricsTest {

  private static final String PROMETHEUS = "/actuator/prometheus";

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;
  @Autowired DataSource dataSource;
  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port, json);
  }

  @Test
  void theMetricsOperatorsWatchAppearUnderLoad() {
    // Periods other tests of this context left due are closed first, so that what follows counts
    // this test's periods only.
    while (periods.closeDuePeriods() > 0) {}
    Scrape before = scrape();
    String asset = "dma-" + UUID.randomUUID().toString().substring(0, 8);
    InflowDistrict.register(api, asset, "Europe/Amsterdam");

    // Three readings over two days of June 2025, a unit nobody knows and a line without a date.
    JsonNode imported =
        importCsv(
            asset,
            """
            %1$s,system-input-volume,inlet,2025-06-01T08:00:00Z,100,MTQ
            %1$s,system-input-volume,inlet,2025-06-01T20:00:00Z,50,MTQ
            %1$s,system-input-volume,inlet,2025-06-02T08:00:00Z,70,MTQ
            %1$s,system-input-volume,inlet,2025-06-02T09:00:00Z,5,XYZ
            %1$s,system-input-volume,inlet,not-a-date,1,MTQ
            """);
    assertThat(imported.get("stored").asInt()).isEqualTo(3);
    assertThat(imported.get("quarantined").asInt()).isEqualTo(2);
    assertThat(periods.closeDuePeriods()).as("two days and a month").isEqualTo(3);
    // A reading of 1 June after the day and the month closed: both close again, late.
    importCsv(asset, "%1$s,system-input-volume,inlet,2025-06-01T09:00:00Z,3,MTQ\n");
    assertThat(periods.closeDuePeriods()).isEqualTo(2);
    assertThat(audit.checkpoint()).as("the log grew: a checkpoint, anchored").isPresent();
    var refused =
        api.sendAuthorized(
            "GET",
            "/api/v1/assets",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        ("nobody-" + UUID.randomUUID() + ":guess")
                            .getBytes(StandardCharsets.UTF_8)),
            null);
    assertThat(refused.status()).isEqualTo(401);

    // The P&L projection applies the month's closes on its own thread.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                scrape().sum("twinledger_pnl_lag_seconds_count")
                    >= before.sum("twinledger_pnl_lag_seconds_count") + 2);
    Scrape after = scrape();

    assertThat(delta(before, after, "twinledger_readings_stored_total", "source", "bulk"))
        .as("every reading stored, and only those")
        .isEqualTo(4);
    assertThat(delta(before, after, "twinledger_readings_stored_total", "source", "mqtt")).isZero();
    assertThat(
            delta(
                before,
                after,
                "twinledger_readings_quarantined_total",
                "source",
                "bulk",
                "reason",
                "unit"))
        .isEqualTo(1);
    assertThat(
            delta(
                before,
                after,
                "twinledger_readings_quarantined_total",
                "source",
                "bulk",
                "reason",
                "unreadable-line"))
        .isEqualTo(1);
    assertThat(
            delta(
                before,
                after,
                "twinledger_readings_quarantined_total",
                "source",
                "bulk",
                "reason",
                "quality"))
        .isZero();

    assertThat(
            delta(
                before,
                after,
                "twinledger_periods_closed_total",
                "kind",
                "DAY",
                "revision",
                "first"))
        .isEqualTo(2);
    assertThat(
            delta(
                before,
                after,
                "twinledger_periods_closed_total",
                "kind",
                "MONTH",
                "revision",
                "first"))
        .isEqualTo(1);
    assertThat(delta(before, after, "twinledger_periods_closed_total", "revision", "revised"))
        .isEqualTo(2);
    assertThat(delta(before, after, "twinledger_periods_late_total", "kind", "DAY")).isEqualTo(1);
    assertThat(delta(before, after, "twinledger_periods_late_total", "kind", "MONTH")).isEqualTo(1);

    assertThat(after.of("twinledger_projection_lag_seconds"))
        .extracting(s -> s.labels().get("processor"))
        .contains("asset-projection", "pnl-projection", "reading-corrections");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(scrape().of("twinledger_projection_lag_seconds"))
                    .as("caught up: nothing older than a few seconds waits")
                    .allSatisfy(s -> assertThat(s.value()).isBetween(0.0, 5.0)));
    assertThat(after.sum("twinledger_pnl_lag_seconds_sum"))
        .as("closes reach the P&L in seconds")
        .isGreaterThan(0)
        .isLessThan(30.0 * after.sum("twinledger_pnl_lag_seconds_count"));

    assertThat(after.value("twinledger_ledger_height", "channel", "infra-performance"))
        .as("the anchoring transaction made a block")
        .hasValueSatisfying(
            height ->
                assertThat(height)
                    .isGreaterThan(
                        before
                            .value("twinledger_ledger_height", "channel", "infra-performance")
                            .orElseThrow()));
    assertThat(after.value("twinledger_ledger_height", "channel", "energy-market")).isPresent();
    assertThat(after.value("twinledger_audit_anchoring_lag_seconds"))
        .as("anchored a moment ago")
        .hasValueSatisfying(lag -> assertThat(lag).isBetween(0.0, 60.0));
    assertThat(after.value("twinledger_audit_leaves_unanchored"))
        .hasValueSatisfying(leaves -> assertThat(leaves).isGreaterThanOrEqualTo(0.0));
    assertThat(after.value("twinledger_audit_integrity")).contains(1.0);
    assertThat(after.value("twinledger_audit_alarm")).contains(0.0);

    assertThat(delta(before, after, "twinledger_auth_failures_total", "reason", "bad-credentials"))
        .isEqualTo(1);
  }

  /**
   * A projection that cannot apply an event shows a growing lag, and only that projection: the P&L
   * projection waits on a lock held on its asset table while an asset is registered; once the lock
   * goes, it catches up and its lag falls back.
   */
  @Test
  void aStuckProjectionShowsItsLagAndCatchesUp() throws Exception {
    InflowDistrict.register(api, "dma-" + UUID.randomUUID().toString().substring(0, 8), "UTC");
    try (Connection lock = dataSource.getConnection()) {
      lock.setAutoCommit(false);
      try (Statement statement = lock.createStatement()) {
        statement.execute("LOCK TABLE pnl_asset IN ACCESS EXCLUSIVE MODE");
      }
      try {
        InflowDistrict.register(api, "dma-" + UUID.randomUUID().toString().substring(0, 8), "UTC");
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(
                            scrape()
                                .value(
                                    "twinledger_projection_lag_seconds",
                                    "processor",
                                    "pnl-projection"))
                        .hasValueSatisfying(lag -> assertThat(lag).isGreaterThan(3.0)));
        assertThat(
                scrape()
                    .value("twinledger_projection_lag_seconds", "processor", "asset-projection"))
            .as("the others go on")
            .hasValueSatisfying(lag -> assertThat(lag).isLessThan(3.0));
      } finally {
        lock.rollback();
      }
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        scrape()
                            .value(
                                "twinledger_projection_lag_seconds", "processor", "pnl-projection"))
                    .hasValueSatisfying(lag -> assertThat(lag).isLessThan(3.0)));
  }

  /** The metrics are the operator's: nobody else reads them, anonymous callers least of all. */
  @Test
  void onlyOperatorsMayReadTheMetrics() {
    assertThat(api.get(PROMETHEUS, null).status()).isEqualTo(401);
    for (String user : List.of("auditor", "officer", "investor", "resident")) {
      Api.Response refused = api.get(PROMETHEUS, user);
      assertThat(refused.status()).as(user).isEqualTo(403);
      assertThat(refused.body()).as(user).doesNotContain("twinledger_");
    }
    Api.Response scraped = api.get(PROMETHEUS, "operator");
    assertThat(scraped.status()).isEqualTo(200);
    assertThat(scraped.contentType()).startsWith("text/plain");
  }

  /**
   * Every alert of docs/operations/alert-rules.yml has a name, a severity, a summary and an
   * expression whose metrics the service exports; the rules named in the issue are all there.
   */
  @Test
  void theAlertRulesUseOnlyExportedMetrics() throws IOException {
    Set<String> exported = scrape().names();
    JsonNode rules = new YAMLMapper().readTree(Files.readString(docs().resolve("alert-rules.yml")));
    List<String> alerts = new ArrayList<>();
    Set<String> used = new TreeSet<>();
    for (JsonNode group : rules.get("groups")) {
      assertThat(group.get("name").asString()).isNotBlank();
      for (JsonNode rule : group.get("rules")) {
        String alert = rule.get("alert").asString();
        String expr = rule.get("expr").asString();
        alerts.add(alert);
        assertThat(Scrape.metricsIn(expr)).as(alert).isNotEmpty();
        assertThat(Scrape.unknownMetrics(expr, exported)).as(alert).isEmpty();
        assertThat(rule.at("/labels/severity").asString()).as(alert).isIn("warning", "critical");
        assertThat(rule.at("/annotations/summary").asString()).as(alert).isNotBlank();
        used.addAll(Scrape.metricsIn(expr));
      }
    }
    assertThat(alerts)
        .containsExactlyInAnyOrder(
            "TwinLedgerReadingsStopped",
            "TwinLedgerQuarantineRateHigh",
            "TwinLedgerPeriodsLate",
            "TwinLedgerProjectionLagHigh",
            "TwinLedgerPnlLagHigh",
            "TwinLedgerAnchoringLagHigh",
            "TwinLedgerIntegrityFailed",
            "TwinLedgerLedgerStalled",
            "TwinLedgerFailedLoginsBurst");
    assertThat(used).contains("twinledger_ledger_height", "twinledger_audit_integrity");
    assertThat(Scrape.unknownMetrics("rate(twinledger_readings_stoped_total[5m])", exported))
        .as("the check can fail")
        .containsExactly("twinledger_readings_stoped_total");
  }

  /**
   * The Grafana dashboard: a Prometheus datasource variable, and panels whose queries use only
   * exported metrics, covering every metric family of the service.
   */
  @Test
  void theDashboardShowsEveryMetricAndOnlyExportedOnes() throws IOException {
    Scrape scrape = scrape();
    Set<String> exported = scrape.names();
    JsonNode dashboard = json.readTree(Files.readString(docs().resolve("grafana-dashboard.json")));
    assertThat(dashboard.get("schemaVersion").asInt()).isBetween(36, 41);
    assertThat(dashboard.at("/templating/list/0/type").asString()).isEqualTo("datasource");
    assertThat(dashboard.at("/templating/list/0/query").asString()).isEqualTo("prometheus");
    Set<String> shown = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      String title = panel.get("title").asString();
      assertThat(panel.at("/datasource/uid").asString()).as(title).isEqualTo("${datasource}");
      assertThat(panel.get("targets")).as(title).isNotEmpty();
      for (JsonNode target : panel.get("targets")) {
        String expr = target.get("expr").asString();
        assertThat(Scrape.metricsIn(expr)).as(title).isNotEmpty();
        assertThat(Scrape.unknownMetrics(expr, exported)).as(title).isEmpty();
        shown.addAll(Scrape.metricsIn(expr));
      }
    }
    Set<String> families = new TreeSet<>();
    for (String name : exported) {
      if (name.startsWith("twinledger_")) {
        families.add(name.replaceAll("_(count|sum|max)$", ""));
      }
    }
    Set<String> shownFamilies = new TreeSet<>();
    shown.forEach(name -> shownFamilies.add(name.replaceAll("_(count|sum|max)$", "")));
    assertThat(shownFamilies).as("a panel for each metric").containsAll(families);
  }

  private Scrape scrape() {
    Api.Response response = api.get(PROMETHEUS, "operator");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return Scrape.parse(response.body());
  }

  private static double delta(Scrape before, Scrape after, String name, String... labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }

  private JsonNode importCsv(String asset, String rows) {
    Api.Response response =
        api.send(
            "POST",
            "/api/v1/twin/imports?name=metrics.csv&format=csv",
            "operator",
            "asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n" + rows.formatted(asset));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  /** docs/operations, found from the test classes up to the repository's root. */
  private static Path docs() {
    Path dir = Path.of("").toAbsolutePath();
    for (; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("docs/operations"))
          && Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir.resolve("docs/operations");
      }
    }
    throw new IllegalStateException("No docs/operations above " + Path.of("").toAbsolutePath());
  }
}
