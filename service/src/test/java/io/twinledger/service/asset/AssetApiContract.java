package io.twinledger.service.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.ledger.asset.api.RecordKpiPeriod;
import io.twinledger.ledger.asset.projection.AssetProjection;
import io.twinledger.service.support.Api;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The asset register over real HTTP, against a real PostgreSQL. Subclasses choose the database. */
abstract class AssetApiContract {

  static final String OFFICER = "officer";

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired EventProcessingConfiguration processing;
  @Autowired CommandGateway commands;

  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port, json);
  }

  @Test
  void registersEachAssetClassAndServesItBack() {
    String water = register(uniqueId("dma"), "WATER_DISTRICT", WATER);
    String storm = register(uniqueId("gi"), "STORMWATER_SITE", STORM);
    String road = register(uniqueId("road"), "ROAD_SEGMENT", ROAD);

    JsonNode asset = awaitAsset(water, 0);
    assertThat(asset.get("assetClass").asString()).isEqualTo("WATER_DISTRICT");
    assertThat(asset.get("status").asString()).isEqualTo("ACTIVE");
    assertThat(asset.get("timeZone").asString()).isEqualTo("Europe/Amsterdam");
    assertThat(asset.at("/parameters/mainsLengthKm").decimalValue()).isEqualByComparingTo("100");
    assertThat(asset.at("/parameters/tariff/amount").decimalValue()).isEqualByComparingTo("2.35");
    assertThat(asset.at("/parameters/tariff/currency").asString()).isEqualTo("EUR");
    awaitAsset(storm, 0);
    assertThat(
            awaitAsset(road, 0).at("/parameters/conditionThresholds/iriPoorMinMPerKm").asString())
        .isEqualTo("2.68");

    assertThat(ids(api.get("/api/v1/assets?class=ROAD_SEGMENT", OFFICER).json()))
        .contains(road)
        .doesNotContain(water, storm);
    assertThat(ids(api.get("/api/v1/assets", "investor").json())).contains(water, storm, road);
  }

  @Test
  void updatesUseTheExpectedVersionAndAnswerWithTheNewOne() {
    String id = register(uniqueId("dma"), "WATER_DISTRICT", WATER);

    var updated =
        api.put(
            "/api/v1/assets/" + id + "/parameters",
            OFFICER,
            """
            {"expectedVersion": 0, "assetClass": "WATER_DISTRICT",
             "parameters": %s}"""
                .formatted(WATER.replace("\"averagePressureM\": 50", "\"averagePressureM\": 55")));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("version").asLong()).isEqualTo(1);

    var kpi = api.put("/api/v1/assets/" + id + "/kpis/ili", OFFICER, kpiBody(1, "2.0"));
    assertThat(kpi.json().get("version").asLong()).isEqualTo(2);
    var replaced = api.put("/api/v1/assets/" + id + "/kpis/ili", OFFICER, kpiBody(2, "1.8"));
    assertThat(replaced.json().get("version").asLong()).isEqualTo(3);

    JsonNode asset = awaitAsset(id, 3);
    assertThat(asset.at("/parameters/averagePressureM").decimalValue()).isEqualByComparingTo("55");
    assertThat(asset.get("kpis")).hasSize(1);
    assertThat(asset.at("/kpis/0/thresholds/0/value").decimalValue()).isEqualByComparingTo("1.8");
  }

  /**
   * A change to an asset that was never registered is a 404 problem, and logs no stack trace
   * (Axon's repository logged the {@code AggregateNotFoundException} of the missing stream).
   */
  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void changesToAnUnknownAssetAreNotFoundWithoutAStackTrace(CapturedOutput output) {
    String id = uniqueId("dma");
    List<Api.Response> answers =
        List.of(
            api.put(
                "/api/v1/assets/" + id + "/parameters",
                OFFICER,
                """
                {"expectedVersion": 0, "assetClass": "WATER_DISTRICT", "parameters": %s}"""
                    .formatted(WATER)),
            api.put("/api/v1/assets/" + id + "/kpis/ili", OFFICER, kpiBody(0, "2.0")),
            api.post(
                "/api/v1/assets/" + id + "/decommission",
                OFFICER,
                "{\"expectedVersion\": 0, \"reason\": \"never built\"}"));
    for (Api.Response answer : answers) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(404);
      assertThat(answer.json().get("type").asString())
          .isEqualTo("urn:problem-type:twinledger:not-found");
      assertThat(answer.json().get("detail").asString()).isEqualTo("no asset " + id);
    }
    assertThat(output.getAll())
        .doesNotContain("AggregateNotFoundException", "\tat org.axonframework");
  }

  @Test
  void kpisRegisteredWithTheAssetAreAllOrNothing() {
    String id = uniqueId("gi");
    String kpis =
        """
        [{"kpiId": "runoff-reduction", "unit": "P1", "aggregation": "MEAN",
          "betterDirection": "HIGHER", "thresholds": [{"name": "outperformance", "value": 41.3}]},
         {"kpiId": "cso-events", "unit": "C62", "aggregation": "SUM", "betterDirection": "LOWER",
          "thresholds": []}]""";
    String body = registration(id, "STORMWATER_SITE", STORM);
    String withKpis = body.substring(0, body.lastIndexOf('}')) + ", \"kpis\": " + kpis + "}";

    var bad = api.post("/api/v1/assets", OFFICER, withKpis.replace("\"C62\"", "\"count\""));
    assertProblem(bad, 400, "kpis[1].unit");
    assertThat(eventCount(id)).isZero();

    var created = api.post("/api/v1/assets", OFFICER, withKpis);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("version").asLong()).isEqualTo(2);
    assertThat(awaitAsset(id, 2).get("kpis")).hasSize(2);
  }

  @Test
  void closedPeriodsAreServedWithEvidenceAndEveryRevisionIsKept() {
    String id = register(uniqueId("dma"), "WATER_DISTRICT", WATER);
    api.put("/api/v1/assets/" + id + "/kpis/ili", OFFICER, kpiBody(0, "2.0"));
    Instant day1 = Instant.parse("2026-03-01T23:00:00Z");
    Instant day2 = day1.plus(Duration.ofDays(1));
    commands.sendAndWait(period(id, day1, 1, "1.9", "a"));
    commands.sendAndWait(period(id, day1, 2, "2.1", "b"));
    commands.sendAndWait(period(id, day2, 1, "1.8", "c"));

    String periods = "/api/v1/assets/" + id + "/kpis/ili/periods";
    JsonNode latest =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> api.get(periods, "investor").json(),
                p -> p.size() == 2 && p.get(0).get("revision").asInt() == 2);
    assertThat(latest.get(0).get("revision").asInt()).isEqualTo(2);
    assertThat(latest.get(0).get("value").decimalValue()).isEqualByComparingTo("2.1");
    assertThat(latest.at("/0/batchDigests/0").asString()).isEqualTo("b".repeat(64));
    assertThat(latest.at("/0/qualitySummary/LATE").asInt()).isEqualTo(3);
    assertThat(latest.at("/0/components/uarlM3").decimalValue()).isEqualByComparingTo("352.5");
    assertThat(latest.at("/0/remarks/0").asString()).startsWith("UARL fitted for more than");

    String all = "/api/v1/assets/" + id + "/kpis/ili/periods?revisions=all&kind=DAY&from=" + day1;
    assertThat(api.get(all, "auditor").json()).hasSize(3);
    String secondDay = "/api/v1/assets/" + id + "/kpis/ili/periods?from=" + day2;
    assertThat(api.get(secondDay, "auditor").json()).hasSize(1);
    assertProblem(
        api.get("/api/v1/assets/" + id + "/kpis/ili/periods?kind=WEEK", OFFICER), 400, "kind");
    assertProblem(
        api.get("/api/v1/assets/" + id + "/kpis/ili/periods?from=yesterday", OFFICER), 400, "from");
    assertThat(api.get("/api/v1/assets/nothing-here/kpis/ili/periods", OFFICER).status())
        .isEqualTo(404);
  }

  /**
   * Issue 14's done-when: periods have streams of their own, so an officer's update with the
   * version read a minute earlier succeeds while periods keep closing.
   */
  @Test
  void aVersionReadBeforePeriodsClosedStillUpdatesTheParameters() {
    String id = register(uniqueId("dma"), "WATER_DISTRICT", WATER);
    api.put("/api/v1/assets/" + id + "/kpis/ili", OFFICER, kpiBody(0, "2.0"));
    long read = awaitAsset(id, 1).get("version").asLong();

    Instant day = Instant.parse("2026-03-01T23:00:00Z");
    for (int d = 0; d < 5; d++) {
      commands.sendAndWait(period(id, day.plus(Duration.ofDays(d)), 1, "1." + d, "a"));
    }
    commands.sendAndWait(period(id, day, 2, "2.0", "b"));
    commands.sendAndWait(period(id, day, 2, "2.0", "b"));

    var updated =
        api.put(
            "/api/v1/assets/" + id + "/parameters",
            OFFICER,
            """
            {"expectedVersion": %d, "assetClass": "WATER_DISTRICT", "parameters": %s}"""
                .formatted(
                    read, WATER.replace("\"averagePressureM\": 50", "\"averagePressureM\": 52")));
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.json().get("version").asLong()).isEqualTo(read + 1);
    assertThat(eventCount(id)).as("the asset's stream holds no period").isEqualTo(3);
    assertThat(eventCount(id + "/ili")).as("a repeated revision records nothing").isEqualTo(6);

    var series =
        api.get(
            "/api/v1/assets/" + id + "/kpis/ili/events?type=KpiPeriodClosed&limit=4", "auditor");
    assertThat(series.status()).as(series.body()).isEqualTo(200);
    assertThat(series.json()).hasSize(4);
    assertThat(series.json().get(0).at("/payload/revision").asInt()).isOne();
    assertThat(series.headers().firstValue("Link"))
        .contains(
            "</api/v1/assets/"
                + id
                + "/kpis/ili/events?after=3&limit=4&type=KpiPeriodClosed>; rel=\"next\"");
    assertThat(api.get("/api/v1/assets/" + id + "/kpis/ili/events?after=3", "auditor").json())
        .extracting(e -> e.get("sequenceNumber").asLong())
        .containsExactly(4L, 5L);
    assertThat(api.get("/api/v1/assets/" + id + "/kpis/none/events", "auditor").json()).isEmpty();
    assertProblem(
        api.get("/api/v1/assets/" + id + "/kpis/ili/events?type=AssetRegistered", "auditor"),
        400,
        "type");
    assertThat(api.get("/api/v1/assets/nothing-here/kpis/ili/events", "auditor").status())
        .isEqualTo(404);
  }

  @Test
  void aStaleExpectedVersionIsAConflictAndWritesNothing() {
    String id = register(uniqueId("dma"), "WATER_DISTRICT", WATER);
    api.put("/api/v1/assets/" + id + "/kpis/ili", OFFICER, kpiBody(0, "2.0"));

    var stale = api.put("/api/v1/assets/" + id + "/kpis/ili", OFFICER, kpiBody(0, "1.5"));

    assertProblem(stale, 409, "expectedVersion");
    assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(1);
    assertThat(eventCount(id)).isEqualTo(2);
  }

  @Test
  void aDuplicateIdIsAConflictAndKeepsTheOriginal() {
    String id = register(uniqueId("dma"), "WATER_DISTRICT", WATER);

    var duplicate = api.post("/api/v1/assets", OFFICER, registration(id, "ROAD_SEGMENT", ROAD));

    assertProblem(duplicate, 409, "assetId");
    assertThat(eventCount(id)).isEqualTo(1);
    assertThat(awaitAsset(id, 0).get("assetClass").asString()).isEqualTo("WATER_DISTRICT");
  }

  @Test
  void aDecommissionedAssetRefusesChanges() {
    String id = register(uniqueId("road"), "ROAD_SEGMENT", ROAD);
    var done =
        api.post(
            "/api/v1/assets/" + id + "/decommission",
            OFFICER,
            "{\"expectedVersion\": 0, \"reason\": \"bypass opened\"}");
    assertThat(done.json().get("version").asLong()).isEqualTo(1);

    assertProblem(
        api.put("/api/v1/assets/" + id + "/kpis/iri", OFFICER, kpiBody(1, "2")), 409, "assetId");
    JsonNode asset = awaitAsset(id, 1);
    assertThat(asset.get("status").asString()).isEqualTo("DECOMMISSIONED");
    assertThat(asset.get("decommissionReason").asString()).isEqualTo("bypass opened");
  }

  static Stream<Arguments> badRegistrations() {
    return Stream.of(
        Arguments.of("unknown asset class", "{\"assetClass\": \"BRIDGE\"}", "assetClass"),
        Arguments.of(
            "negative length",
            "{\"assetClass\": \"ROAD_SEGMENT\", \"parameters\": "
                + ROAD.replace("0.5", "-0.5")
                + "}",
            "parameters.lengthKm"),
        Arguments.of(
            "negative private pipe",
            "{\"parameters\": "
                + WATER.replace("\"privatePipeLengthKm\": 50", "\"privatePipeLengthKm\": -3")
                + "}",
            "parameters.privatePipeLengthKm"),
        Arguments.of("missing name", "{\"name\": null}", "name"),
        Arguments.of("missing parameters", "{\"parameters\": null}", "parameters"),
        Arguments.of(
            "missing parameter",
            "{\"parameters\": " + WATER.replace("\"serviceConnections\": 5000,", "") + "}",
            "parameters.serviceConnections"),
        Arguments.of(
            "number as text",
            "{\"parameters\": "
                + WATER.replace("\"mainsLengthKm\": 100", "\"mainsLengthKm\": \"long\"")
                + "}",
            "parameters.mainsLengthKm"),
        Arguments.of(
            "object where a number belongs",
            "{\"parameters\": "
                + WATER.replace("\"serviceConnections\": 5000", "\"serviceConnections\": {}")
                + "}",
            "parameters.serviceConnections"),
        Arguments.of(
            "unknown currency",
            "{\"parameters\": " + WATER.replace("EUR", "ZZZ") + "}",
            "parameters.tariff.currency"),
        Arguments.of(
            "nested threshold order",
            "{\"assetClass\": \"ROAD_SEGMENT\", \"parameters\": "
                + ROAD.replace("2.68", "1.2")
                + "}",
            "parameters.conditionThresholds.iriPoorMinMPerKm"),
        Arguments.of("unknown time zone", "{\"timeZone\": \"Mars/Olympus\"}", "timeZone"),
        Arguments.of("id with spaces", "{\"assetId\": \"north hill\"}", "assetId"),
        Arguments.of("parameters not an object", "{\"parameters\": [1, 2]}", "parameters"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRegistrations")
  void badRegistrationsNameTheFieldAndWriteNothing(String label, String override, String field) {
    String id = uniqueId("bad");
    Map<String, Object> body = json.readValue(registration(id, "WATER_DISTRICT", WATER), Map.class);
    body.putAll(json.readValue(override, Map.class));
    String requestedId = String.valueOf(body.get("assetId"));

    assertProblem(api.post("/api/v1/assets", OFFICER, json.writeValueAsString(body)), 400, field);
    assertThat(eventCount(requestedId)).isZero();
    assertThat(api.get("/api/v1/assets/" + requestedId.replace(" ", "%20"), OFFICER).status())
        .isEqualTo(404);
  }

  @Test
  void malformedJsonAndMissingVersionsAreNamed() {
    assertProblem(api.post("/api/v1/assets", OFFICER, "{\"assetId\": "), 400, "body");
    String id = register(uniqueId("dma"), "WATER_DISTRICT", WATER);
    assertProblem(
        api.put(
            "/api/v1/assets/" + id + "/parameters",
            OFFICER,
            "{\"assetClass\": \"WATER_DISTRICT\", \"parameters\": " + WATER + "}"),
        400,
        "expectedVersion");
    assertProblem(
        api.put(
            "/api/v1/assets/" + id + "/kpis/ili",
            OFFICER,
            "{\"expectedVersion\": 0, \"unit\": \"C62\", \"aggregation\": \"MEDIAN\","
                + " \"betterDirection\": \"LOWER\"}"),
        400,
        "aggregation");
    assertProblem(
        api.put(
            "/api/v1/assets/" + id + "/kpis/ili",
            OFFICER,
            "{\"expectedVersion\": 0, \"unit\": \"C62\", \"aggregation\": \"LAST\","
                + " \"betterDirection\": \"LOWER\", \"thresholds\": [{\"name\": \"t\","
                + " \"value\": \"high\"}]}"),
        400,
        "thresholds[0].value");
    assertProblem(
        api.put(
            "/api/v1/assets/" + id + "/parameters",
            OFFICER,
            "{\"expectedVersion\": 0, \"assetClass\": \"ROAD_SEGMENT\", \"parameters\": "
                + ROAD
                + "}"),
        409,
        "assetClass");
    assertProblem(api.get("/api/v1/assets?class=BRIDGE", OFFICER), 400, "class");
    assertThat(eventCount(id)).isEqualTo(1);
  }

  @Test
  void decimalsInParametersAreKeptToTheLastDigit() {
    String exact = "42.123456789012345678901";
    String id =
        register(
            uniqueId("dma"),
            "WATER_DISTRICT",
            WATER.replace("\"mainsLengthKm\": 100", "\"mainsLengthKm\": " + exact));
    assertThat(awaitAsset(id, 0).at("/parameters/mainsLengthKm").decimalValue())
        .isEqualTo(new BigDecimal(exact));
  }

  @Test
  void aDerivedKpiNamesItsFormulaInputsAndParameters() {
    String id = register(uniqueId("dma"), "WATER_DISTRICT", WATER);
    String measured =
        """
        {"expectedVersion": %d, "unit": "MTQ", "aggregation": "SUM", "betterDirection": "LOWER"}""";
    api.put("/api/v1/assets/" + id + "/kpis/inflow", OFFICER, measured.formatted(0));
    api.put("/api/v1/assets/" + id + "/kpis/billed", OFFICER, measured.formatted(1));
    String nrw =
        """
        {"expectedVersion": 2, "unit": "P1", "betterDirection": "LOWER",
         "derivation": {"formula": "NRW_PERCENT",
                        "inputs": {"systemInput": "inflow", "billed": "%s"}}}""";

    assertProblem(
        api.put("/api/v1/assets/" + id + "/kpis/nrw", OFFICER, nrw.formatted("billing")),
        409,
        "derivation.inputs.billed");
    assertProblem(
        api.put(
            "/api/v1/assets/" + id + "/kpis/nrw",
            OFFICER,
            nrw.formatted("billed").replace("NRW_PERCENT", "NRW_RATIO")),
        400,
        "derivation.formula");
    assertProblem(
        api.put(
            "/api/v1/assets/" + id + "/kpis/nrw",
            OFFICER,
            nrw.formatted("billed").replace("\"billed\": \"billed\"", "\"bills\": \"billed\"")),
        400,
        "derivation.inputs.billed");
    var defined = api.put("/api/v1/assets/" + id + "/kpis/nrw", OFFICER, nrw.formatted("billed"));
    assertThat(defined.status()).as(defined.body()).isEqualTo(200);

    JsonNode asset = awaitAsset(id, 3);
    JsonNode kpi = asset.at("/kpis/2");
    assertThat(kpi.get("kpiId").asString()).isEqualTo("nrw");
    assertThat(kpi.at("/derivation/formula").asString()).isEqualTo("NRW_PERCENT");
    assertThat(kpi.at("/derivation/inputs/billed").asString()).isEqualTo("billed");
    assertThat(kpi.has("aggregation") && !kpi.get("aggregation").isNull()).isFalse();
    assertProblem(
        api.put(
            "/api/v1/assets/" + id + "/kpis/billed",
            OFFICER,
            """
            {"expectedVersion": 3, "unit": "LTR", "aggregation": "SUM",
             "betterDirection": "LOWER"}"""),
        409,
        "kpiId");
  }

  @Test
  void historyComesFromTheEventStoreInOrder() {
    String id = register(uniqueId("gi"), "STORMWATER_SITE", STORM);
    api.put("/api/v1/assets/" + id + "/kpis/runoff-reduction", OFFICER, kpiBody(0, "41.3"));

    var history = api.get("/api/v1/assets/" + id + "/events", "auditor");

    assertThat(history.status()).isEqualTo(200);
    JsonNode events = history.json();
    assertThat(events).hasSize(2);
    assertThat(events.get(0).get("type").asString()).isEqualTo("AssetRegistered");
    assertThat(events.get(0).get("sequenceNumber").asLong()).isZero();
    assertThat(events.get(1).get("type").asString()).isEqualTo("KpiDefined");
    assertThat(events.get(1).at("/payload/definition/kpiId").asString())
        .isEqualTo("runoff-reduction");
    assertThat(api.get("/api/v1/assets/nothing-here/events", "auditor").status()).isEqualTo(404);
  }

  /** A long history comes a page at a time: follow the Link headers, or filter by type. */
  @Test
  void historyIsPagedByLinkHeadersAndFilteredByType() {
    String id = register(uniqueId("gi"), "STORMWATER_SITE", STORM);
    for (int version = 0; version < 5; version++) {
      var defined =
          api.put(
              "/api/v1/assets/" + id + "/kpis/runoff-reduction",
              OFFICER,
              kpiBody(version, "41." + version));
      assertThat(defined.status()).as(defined.body()).isEqualTo(200);
    }

    List<Long> sequence = new ArrayList<>();
    String page = "/api/v1/assets/" + id + "/events?limit=2";
    int pages = 0;
    while (page != null) {
      var answer = api.get(page, "auditor");
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(answer.json().size()).isBetween(1, 2);
      answer.json().forEach(event -> sequence.add(event.get("sequenceNumber").asLong()));
      page =
          answer
              .headers()
              .firstValue("Link")
              .map(link -> link.substring(link.indexOf('<') + 1, link.indexOf('>')))
              .orElse(null);
      pages++;
    }
    assertThat(sequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(pages).isEqualTo(3);

    var defined = api.get("/api/v1/assets/" + id + "/events?type=KpiDefined&limit=4", "auditor");
    assertThat(defined.json()).hasSize(4);
    assertThat(defined.json().get(0).get("sequenceNumber").asLong()).isOne();
    assertThat(defined.headers().firstValue("Link"))
        .contains(
            "</api/v1/assets/" + id + "/events?after=4&limit=4&type=KpiDefined>; rel=\"next\"");
    assertThat(
            api.get("/api/v1/assets/" + id + "/events?after=4&type=KpiDefined", "auditor").json())
        .hasSize(1);
    assertThat(api.get("/api/v1/assets/" + id + "/events?after=99", "auditor").json()).isEmpty();

    for (String bad : List.of("limit=0", "limit=1001", "after=-1", "type=Nope", "limit=x")) {
      var refused = api.get("/api/v1/assets/" + id + "/events?" + bad, "auditor");
      assertThat(refused.status()).as(bad).isEqualTo(400);
      assertThat(refused.contentType()).as(bad).startsWith("application/problem+json");
    }
    assertThat(api.get("/api/v1/assets/nothing-here/events?type=KpiDefined", "auditor").status())
        .isEqualTo(404);
  }

  @Test
  void snapshotsKeepTheStateTheRulesNeed() {
    String id = register(uniqueId("dma"), "WATER_DISTRICT", WATER);
    long version = 0;
    for (int i = 0; i < 24; i++) {
      version =
          api.put("/api/v1/assets/" + id + "/kpis/ili", OFFICER, kpiBody(version, "1." + i))
              .json()
              .get("version")
              .asLong();
    }
    assertThat(version).isEqualTo(24);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.sql("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                    > 0);

    var unchanged = api.put("/api/v1/assets/" + id + "/kpis/ili", OFFICER, kpiBody(24, "1.23"));
    assertThat(unchanged.json().get("version").asLong())
        .as("identical definition restored from the snapshot records nothing")
        .isEqualTo(24);
    var changed = api.put("/api/v1/assets/" + id + "/kpis/ili", OFFICER, kpiBody(24, "1.9"));
    assertThat(changed.json().get("version").asLong()).isEqualTo(25);
    assertProblem(
        api.put("/api/v1/assets/" + id + "/kpis/ili", OFFICER, kpiBody(24, "1.7")),
        409,
        "expectedVersion");
  }

  @Test
  void resetAndReplayRebuildIdenticalTables() {
    String id = register(uniqueId("road"), "ROAD_SEGMENT", ROAD);
    api.put("/api/v1/assets/" + id + "/kpis/iri", OFFICER, kpiBody(0, "2.2"));
    api.post(
        "/api/v1/assets/" + id + "/decommission",
        OFFICER,
        "{\"expectedVersion\": 1, \"reason\": \"rebuilt\"}");
    awaitAsset(id, 2);
    List<Map<String, Object>> assets = table("asset_view", "asset_id");
    List<Map<String, Object>> kpis = table("asset_kpi_view", "asset_id, kpi_id");

    StreamingEventProcessor processor =
        processing
            .eventProcessor(AssetProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
            .orElseThrow();
    processor.shutDown();
    processor.resetTokens();
    assertThat(table("asset_view", "asset_id")).as("reset empties the read model").isEmpty();
    processor.start();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(table("asset_view", "asset_id")).isEqualTo(assets);
              assertThat(table("asset_kpi_view", "asset_id, kpi_id")).isEqualTo(kpis);
            });
  }

  // --- helpers ---------------------------------------------------------------------------------

  static RecordKpiPeriod period(
      String id, Instant start, int revision, String value, String digit) {
    return new RecordKpiPeriod(
        id,
        "ili",
        "DAY",
        start,
        start.plus(Duration.ofDays(1)),
        revision,
        Optional.of(new BigDecimal(value)),
        "C62",
        new BigDecimal("99.5"),
        24,
        Map.of("LATE", revision + 1),
        List.of(digit.repeat(64)),
        Map.of("uarlM3", new BigDecimal("352.5")),
        List.of("UARL fitted for more than 5000 service connections; system has 5000"),
        Optional.empty(),
        Optional.empty());
  }

  static final String WATER =
      """
      {"mainsLengthKm": 100, "serviceConnections": 5000, "privatePipeLengthKm": 50,
       "averagePressureM": 50, "tariff": {"amount": 2.35, "currency": "EUR"}}""";
  static final String STORM =
      """
      {"imperviousAreaM2": 80937.13, "designStormDepthMm": 30.48,
       "baselineRunoffMethod": "PRE_CONSTRUCTION_MONITORING"}""";
  static final String ROAD =
      """
      {"lengthKm": 0.5, "lanes": 2, "pavementType": "ASPHALT",
       "conditionThresholds": {"iriGoodMaxMPerKm": 1.5, "iriPoorMinMPerKm": 2.68,
                               "rutDepthMaxMm": 19.05}}""";

  static String uniqueId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String registration(String id, String assetClass, String parameters) {
    return """
        {"assetId": "%s", "assetClass": "%s", "name": "Test %s",
         "timeZone": "Europe/Amsterdam", "parameters": %s}"""
        .formatted(id, assetClass, id, parameters);
  }

  static String kpiBody(long expectedVersion, String target) {
    return """
        {"expectedVersion": %d, "unit": "C62", "aggregation": "LAST", "betterDirection": "LOWER",
         "thresholds": [{"name": "target", "value": %s}]}"""
        .formatted(expectedVersion, target);
  }

  String register(String id, String assetClass, String parameters) {
    var response = api.post("/api/v1/assets", OFFICER, registration(id, assetClass, parameters));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.json().get("version").asLong()).isZero();
    return id;
  }

  JsonNode awaitAsset(String id, long version) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> api.get("/api/v1/assets/" + id, OFFICER),
            r -> r.status() == 200 && r.json().get("version").asLong() == version)
        .json();
  }

  long eventCount(String id) {
    return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
        .param(id)
        .query(Long.class)
        .single();
  }

  List<Map<String, Object>> table(String name, String orderBy) {
    return jdbc.sql("SELECT * FROM " + name + " ORDER BY " + orderBy).query().listOfRows().stream()
        .map(row -> (Map<String, Object>) new java.util.TreeMap<>(row))
        .map(
            row -> {
              row.replaceAll((k, v) -> v == null ? "null" : v.toString());
              return row;
            })
        .toList();
  }

  static List<String> ids(JsonNode assets) {
    return assets.valueStream().map(a -> a.get("assetId").asString()).toList();
  }

  static void assertProblem(Api.Response response, int status, String field) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("field").asString()).as(response.body()).isEqualTo(field);
    assertThat(response.json().get("detail").asString()).startsWith(field + ": ");
  }
}
