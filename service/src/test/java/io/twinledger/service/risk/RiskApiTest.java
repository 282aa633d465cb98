package io.twinledger.service.risk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.finance.model.ModelDefinitions;
import io.twinledger.finance.model.Templates;
import io.twinledger.ledger.model.KpiCatalogs;
import io.twinledger.ledger.model.projection.Models;
import io.twinledger.ledger.pnl.projection.PnlObservations;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.JsonNumbers;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.WaterHistory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Risk simulation jobs over real HTTP: a water district with the {@code water-nrw} model and two
 * years of monthly KPI periods recorded through the ledger (the model defined through the model
 * API), simulated, polled, repeated and cancelled.
 */
@OnEmbeddedDb
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RiskApiTest {

  static final String OFFICER = "officer";
  static final String INVESTOR = "investor";
  static final String AUDITOR = "auditor";
  static final String RESIDENT = "resident";
  static final String PATH = "/api/v1/risk/simulations";

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired CommandGateway commands;
  @Autowired KpiCatalogs catalogs;
  @Autowired PnlObservations observations;
  @Autowired Models models;

  Api api;
  String modelled;
  String shortHistory;
  String withoutModel;

  @BeforeAll
  void recordAssets() {
    api = new Api(port, json);
    modelled = waterDistrict("dma-risk", 24, true);
    shortHistory = waterDistrict("dma-short", 7, true);
    withoutModel = waterDistrict("dma-bare", 24, false);
  }

  @BeforeEach
  void connect() {
    api = new Api(port, json);
  }

  @Test
  void aSimulationCompletesWithASaneReportAndTheSameSeedRepeatsIt() {
    String body = simulation(modelled, 20_000, 30, 42);
    Api.Response started = api.post(PATH, OFFICER, body);

    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String jobId = started.json().get("jobId").asString();
    assertThat(started.contentType()).startsWith("application/json");
    JsonNode done = awaitFinished(jobId, AUDITOR);

    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
    assertThat(done.at("/progress/pathsDone").asLong()).isEqualTo(20_000);
    assertThat(done.at("/progress/fraction").asDouble()).isEqualTo(1.0);
    assertThat(done.at("/model/version").asInt()).isEqualTo(1);
    assertThat(done.get("startedAt").isNull()).isFalse();
    assertThat(done.get("finishedAt").isNull()).isFalse();
    assertThat(done.get("firstSimulatedMonth").asString()).isEqualTo("2026-01");
    assertThat(done.at("/request/seed").asLong()).isEqualTo(42);

    JsonNode kpis = done.get("kpis");
    assertThat(kpis.valueStream().map(k -> k.get("kpi").asString()))
        .containsExactly("nrw-volume", "real-losses", "nrw-percent");
    for (JsonNode kpi : kpis) {
      assertThat(kpi.get("months").asInt()).isEqualTo(24);
      assertThat(kpi.at("/monthlyProcess/family").asString())
          .isIn("normal", "log-normal", "beta", "ar1");
      assertThat(kpi.at("/fit/aic").isNumber()).isTrue();
      assertThat(kpi.get("candidates").size()).isGreaterThanOrEqualTo(2);
    }
    assertThat(done.at("/correlation/matrix/0/0").asDouble()).isEqualTo(1.0);

    JsonNode report = done.get("report");
    assertThat(report.get("currency").asString()).isEqualTo("EUR");
    JsonNode npv = report.get("npv");
    BigDecimal mean = npv.get("mean").decimalValue();
    BigDecimal p5 = npv.at("/percentiles/P5").decimalValue();
    BigDecimal p50 = npv.at("/percentiles/P50").decimalValue();
    BigDecimal p95 = npv.at("/percentiles/P95").decimalValue();
    // Money is exact decimals in cents: the JSON text carries two decimals.
    assertThat(mean.scale()).isEqualTo(2);
    assertThat(p5).isLessThan(p50);
    assertThat(p50).isLessThan(p95);
    assertThat(mean).isBetween(p5, p95);
    // NRW volume about 9,000 m³ against the 12,000 baseline, real losses about 5,000 m³: about
    // 31,800 EUR a year, 437,700 EUR over 30 years at 6 %; the fitted means differ a little.
    assertThat(mean.doubleValue()).isBetween(300_000.0, 600_000.0);
    assertThat(npv.get("histogram").valueStream().mapToLong(b -> b.get("count").asLong()).sum())
        .isEqualTo(20_000);
    JsonNode breach = report.get("dscrBreach");
    assertThat(breach.get("paths").asLong()).isEqualTo(20_000);
    double p = breach.get("probability").asDouble();
    assertThat(p).isBetween(0.0, 1.0);
    assertThat(breach.get("lower95").asDouble()).isLessThanOrEqualTo(p);
    assertThat(breach.get("upper95").asDouble()).isGreaterThanOrEqualTo(p);
    JsonNode threshold = report.at("/thresholds/0");
    assertThat(threshold.get("kpi").asString()).isEqualTo("nrw-percent");
    assertThat(threshold.get("unit").asString()).isEqualTo("P1");
    assertThat(threshold.get("level").decimalValue()).isEqualByComparingTo("25");
    assertThat(threshold.at("/crossed/probability").asDouble()).isBetween(0.0, 1.0);

    Api.Response again = api.post(PATH, INVESTOR, body);
    assertThat(again.status()).as(again.body()).isEqualTo(202);
    JsonNode repeated = awaitFinished(again.json().get("jobId").asString(), INVESTOR);
    assertThat(repeated.get("report")).isEqualTo(report);
    assertThat(repeated.get("kpis")).isEqualTo(kpis);

    JsonNode list = api.get(PATH, AUDITOR).json();
    assertThat(list.valueStream().map(j -> j.get("jobId").asString()))
        .contains(jobId, again.json().get("jobId").asString());
  }

  @Test
  void withoutDebtServiceThereIsNoDscrAndTheLocationServesTheJob() throws Exception {
    HttpResponse<String> started =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + PATH))
                    .header("Content-Type", "application/json")
                    .header(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString("investor:investor".getBytes(UTF_8)))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            """
                            {"assetId": "%s", "paths": 2000, "years": 10, "discountRate": 0.05}"""
                                .formatted(modelled)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    JsonNode view = json.readTree(started.body());
    String jobId = view.get("jobId").asString();
    assertThat(started.headers().firstValue("Location")).hasValue(PATH + "/" + jobId);
    // A seed was drawn for the caller and is reported, so the run can be repeated.
    assertThat(view.at("/request/seed").isNumber()).isTrue();
    assertThat(view.at("/request/annualDebtService").decimalValue()).isZero();
    JsonNode done = awaitFinished(jobId, OFFICER);
    assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(done.at("/report/dscrBreach").isNull()).isTrue();
    assertThat(done.at("/report/thresholds").size()).isZero();
    // The zero debt service and every figure of the report are plain decimals, never 0E-10.
    assertThat(JsonNumbers.withExponent(api.get(PATH + "/" + jobId, OFFICER).body())).isEmpty();
  }

  @Test
  void aLargeRunCanBeCancelledAndThenNotAgain() {
    Api.Response started = api.post(PATH, INVESTOR, simulation(modelled, 1_000_000, 100, 7));
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String jobId = started.json().get("jobId").asString();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> job(jobId, OFFICER).at("/progress/pathsDone").asLong() > 0);

    Api.Response cancelled = api.send("DELETE", PATH + "/" + jobId, OFFICER, null);

    assertThat(cancelled.status()).as(cancelled.body()).isIn(200, 202);
    assertThat(cancelled.json().get("cancelRequested").asBoolean()).isTrue();
    JsonNode done = awaitFinished(jobId, OFFICER);
    assertThat(done.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(done.at("/progress/pathsDone").asLong()).isLessThan(1_000_000);
    assertThat(done.get("report").isNull()).isTrue();
    Api.Response again = api.send("DELETE", PATH + "/" + jobId, OFFICER, null);
    assertProblem(again, 409, "risk-job-finished");
  }

  @Test
  void aFullQueueIsRefusedWithRetryAfter() {
    List<String> submitted = new ArrayList<>();
    Api.Response refused = null;
    // One running and eight waiting fill the queue; the tenth cannot be queued.
    for (int i = 0; i < 12 && refused == null; i++) {
      Api.Response response = api.post(PATH, OFFICER, simulation(modelled, 1_000_000, 100, i));
      if (response.status() == 202) {
        submitted.add(response.json().get("jobId").asString());
      } else {
        refused = response;
      }
    }
    submitted.forEach(id -> api.send("DELETE", PATH + "/" + id, OFFICER, null));

    assertThat(refused).isNotNull();
    assertProblem(refused, 503, "risk-queue-full");
    assertThat(submitted).hasSizeBetween(8, 9);
    for (String id : submitted) {
      assertThat(awaitFinished(id, OFFICER).get("status").asString()).isEqualTo("CANCELLED");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          "paths": 0                        | paths
          "paths": 1000001                  | paths
          "paths": "many"                   | paths
          "years": 101                      | years
          "years": 0                        | years
          "discountRate": -1                | discountRate
          "discountRate": null              | discountRate
          "annualDebtService": -5           | annualDebtService
          "dscrCovenant": -0.5              | dscrCovenant
          "seed": "soon"                    | seed
          "assetId": ""                     | assetId
          "thresholds": [{"kpi": "nrw-percent", "level": 25, "direction": "SIDEWAYS"}] | thresholds[0].direction
          "thresholds": [{"kpi": "nrw-percent", "direction": "ABOVE"}]                 | thresholds[0].level
          "thresholds": [{"kpi": "pressure", "level": 2, "direction": "BELOW"}]        | thresholds[0].kpi
          """)
  void badFieldsAreNamed(String override, String field) {
    String body =
        """
        {"assetId": "%s", "paths": 1000, "years": 5, "seed": 1, "discountRate": 0.06, %s}"""
            .formatted(modelled, override);
    // A later key wins in Jackson, so the override replaces the valid value before it.
    Api.Response response = api.post(PATH, OFFICER, body);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("field").asString()).as(response.body()).isEqualTo(field);
  }

  @Test
  void unknownAssetsAndJobsAreNotFound() {
    assertProblem(
        api.post(PATH, OFFICER, simulation("dma-nowhere-" + UUID.randomUUID(), 100, 1, 1)),
        404,
        "not-found");
    assertProblem(api.get(PATH + "/" + UUID.randomUUID(), AUDITOR), 404, "not-found");
    assertProblem(
        api.send("DELETE", PATH + "/" + UUID.randomUUID(), OFFICER, null), 404, "not-found");
  }

  @Test
  void theFitSkipsPartialMonthsAndSaysHowMany() {
    // 16 months; the readings of NRW volume cover half of January 2024 and of April 2025 (the first
    // and last, so that the KPIs still share enough consecutive months to correlate)
    String partial = waterDistrict("dma-partial", 16, true, Set.of(0, 15));

    Api.Response started = api.post(PATH, OFFICER, simulation(partial, 100, 1, 1));
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    JsonNode done = awaitFinished(started.json().get("jobId").asString(), AUDITOR);

    JsonNode nrw = done.get("kpis").get(0);
    assertThat(nrw.get("kpi").asString()).isEqualTo("nrw-volume");
    assertThat(nrw.get("months").asInt()).isEqualTo(14);
    assertThat(nrw.get("partialMonthsSkipped").asInt()).isEqualTo(2);
    assertThat(nrw.get("partialMonths").valueStream().map(JsonNode::asString))
        .containsExactly("2024-01", "2025-04");
    assertThat(nrw.get("firstMonth").asString()).isEqualTo("2024-02");
    assertThat(nrw.get("lastMonth").asString()).isEqualTo("2025-03");
    JsonNode losses = done.get("kpis").get(1);
    assertThat(losses.get("months").asInt()).isEqualTo(16);
    assertThat(losses.get("partialMonthsSkipped").asInt()).isZero();
  }

  @Test
  void assetsThatCannotBeSimulatedAreUnprocessable() {
    Api.Response noModel = api.post(PATH, OFFICER, simulation(withoutModel, 100, 1, 1));
    assertProblem(noModel, 422, "risk-inputs");
    assertThat(noModel.json().get("detail").asString()).contains("has no active cash-flow model");

    Api.Response tooShort = api.post(PATH, OFFICER, simulation(shortHistory, 100, 1, 1));
    assertProblem(tooShort, 422, "risk-inputs");
    assertThat(tooShort.json().get("detail").asString())
        .contains("KPI 'nrw-volume' has 7 months of history (2024-01 to 2024-07)")
        .contains("at least 12 months");
  }

  @Test
  void onlyFinanceOfficersAndInvestorsStartAndCancelAndAuditorsRead() {
    String body = simulation(modelled, 100, 1, 1);
    assertThat(api.post(PATH, RESIDENT, body).status()).isEqualTo(403);
    assertThat(api.post(PATH, AUDITOR, body).status()).isEqualTo(403);
    assertThat(api.get(PATH, RESIDENT).status()).isEqualTo(403);
    assertThat(api.post(PATH, null, body).status()).isEqualTo(401);

    Api.Response started = api.post(PATH, OFFICER, body);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String jobId = started.json().get("jobId").asString();
    assertThat(api.get(PATH + "/" + jobId, RESIDENT).status()).isEqualTo(403);
    assertThat(api.send("DELETE", PATH + "/" + jobId, AUDITOR, null).status()).isEqualTo(403);
    assertThat(api.get(PATH + "/" + jobId, AUDITOR).status()).isEqualTo(200);
    assertThat(awaitFinished(jobId, AUDITOR).get("status").asString()).isEqualTo("COMPLETED");
  }

  private JsonNode job(String jobId, String user) {
    Api.Response response = api.get(PATH + "/" + jobId, user);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private JsonNode awaitFinished(String jobId, String user) {
    return await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> job(jobId, user),
            j -> List.of("COMPLETED", "CANCELLED", "FAILED").contains(j.get("status").asString()));
  }

  private static String simulation(String assetId, int paths, int years, long seed) {
    return """
        {"assetId": "%s", "paths": %d, "years": %d, "seed": %d, "discountRate": 0.06,
         "annualDebtService": 15000, "dscrCovenant": 1.2,
         "thresholds": [{"kpi": "nrw-percent", "level": 25, "direction": "ABOVE"}]}"""
        .formatted(assetId, paths, years, seed);
  }

  private static void assertProblem(Api.Response response, int status, String type) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString())
        .isEqualTo("urn:problem-type:twinledger:" + type);
  }

  /**
   * A district with {@code months} of history ({@link WaterHistory}), bound to water-nrw if asked.
   */
  private String waterDistrict(String prefix, int months, boolean withModel) {
    return waterDistrict(prefix, months, withModel, Set.of());
  }

  /** As above, NRW volume covering half of each month whose index is in {@code partialNrw}. */
  private String waterDistrict(
      String prefix, int months, boolean withModel, Set<Integer> partialNrw) {
    String id =
        new WaterHistory(api, commands, catalogs, observations)
            .register(prefix, months, partialNrw);
    if (withModel) {
      String definition =
          ModelDefinitions.toJson(Templates.load("water-nrw"))
              .replace("\"id\" : \"water-nrw\"", "\"id\" : \"risk-" + id + "\"");
      Api.Response defined =
          api.post(
              "/api/v1/models",
              OFFICER,
              "{\"assets\": [\"" + id + "\"], \"definition\": " + definition + "}");
      assertThat(defined.status()).as(defined.body()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(20)).until(() -> models.activeFor(id).isPresent());
    }
    return id;
  }
}
