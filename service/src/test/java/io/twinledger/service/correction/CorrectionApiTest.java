package io.twinledger.service.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.service.support.Api;
import io.twinledger.service.support.InflowDistrict;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.twin.KpiPeriodJob;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A mistyped reading closed into its periods, corrected through the API with four eyes: the
 * original stays, the periods close again under a revision that names the correction.
 */
@OnEmbeddedDb
class CorrectionApiTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob job;

  private Api api;
  private String asset;

  @BeforeEach
  void setUp() {
    api = new Api(port, json);
    asset = "dma-" + UUID.randomUUID().toString().substring(0, 8);
    InflowDistrict.register(api, asset, "Europe/Amsterdam");
  }

  @Test
  void aMistypedReadingIsSupersededWithApprovalAndThePeriodsCloseAgainNamingTheCorrection() {
    importCsv(
        """
        %1$s,system-input-volume,%1$s-inlet,2025-06-01T08:00:00Z,100,MTQ
        %1$s,system-input-volume,%1$s-inlet,2025-06-02T09:00:00Z,90000,MTQ
        """);
    job.closeDuePeriods();
    assertThat(month(1).get("value").decimalValue()).isEqualByComparingTo("90100");
    JsonNode typo = reading("2025-06-02T09:00:00Z");

    var requested = correct(typo, "SUPERSEDE", "100", "meter misread: 90000 typed for 100");
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    JsonNode correction = requested.json();
    long id = correction.get("correctionId").asLong();
    assertThat(requested.headers().firstValue("Location").orElseThrow())
        .isEqualTo("/api/v1/twin/corrections/" + id);
    assertThat(correction.get("status").asString()).isEqualTo("WAITING");
    assertThat(correction.get("requestedBy").asString()).isEqualTo("operator");
    assertThat(correction.at("/reading/value").decimalValue()).isEqualByComparingTo("90000");
    assertThat(correction.get("closedPeriods").toString())
        .contains("system-input-volume MONTH 2025-06", "system-input-volume DAY 2025-06-02");

    assertThat(job.closeDuePeriods()).as("nothing moves while it waits").isZero();

    var byRequester = api.post("/api/v1/twin/corrections/" + id + "/approve", "operator", "{}");
    assertThat(byRequester.status()).as("operators do not approve").isEqualTo(403);
    var approved = api.post("/api/v1/twin/corrections/" + id + "/approve", "officer", "{}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().get("status").asString()).isEqualTo("APPLIED");
    assertThat(approved.json().get("decidedBy").asString()).isEqualTo("officer");

    job.closeDuePeriods();
    JsonNode revised = month(2);
    assertThat(revised.get("value").decimalValue()).isEqualByComparingTo("200");
    assertThat(revised.get("cause").asString())
        .isEqualTo("correction " + id + " by operator: meter misread: 90000 typed for 100");
    assertThat(reading("2025-06-02T09:00:00Z").get("reading").get("value").decimalValue())
        .as("the original is kept")
        .isEqualByComparingTo("90000");

    var again = api.post("/api/v1/twin/corrections/" + id + "/approve", "officer", "{}");
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.json().get("type").asString()).endsWith("correction-rule");
    assertThat(api.get("/api/v1/twin/corrections?status=APPLIED", "auditor").body())
        .contains("\"correctionId\":" + id);
  }

  @Test
  void aForcedInReadingVoidedWithApprovalReturnsThePnlAndValuationToTheirEarlierValues() {
    importCsv(
        """
        %1$s,system-input-volume,%1$s-inlet,2025-06-01T08:00:00Z,100,MTQ
        %1$s,system-input-volume,%1$s-inlet,2025-06-02T08:00:00Z,200,MTQ
        %1$s,system-input-volume,%1$s-inlet,2025-07-02T08:00:00Z,50,MTQ
        """);
    job.closeDuePeriods();
    month(1);
    var model =
        api.post(
            "/api/v1/models",
            "officer",
            """
            {"assets": ["%1$s"], "definition": {"id": "corr-%1$s", "name": "Inflow cost",
             "assetClass": "WATER_DISTRICT", "currency": "EUR", "completeCoverage": 0.01,
             "parameters": {"production-cost": {"value": 0.40, "unit": "EUR/MTQ",
                                                "description": "Cost per m3 put into supply"}},
             "lines": [{"id": "inflow-cost", "kind": "OPERATING_COST", "label": "Inflow cost",
                        "formula": "kpi('system-input-volume') * param('production-cost')"}]}}"""
                .formatted(asset));
    assertThat(model.status()).as(model.body()).isEqualTo(201);
    String pnlPath = "/api/v1/pnl/assets/" + asset + "?period=MONTH&from=2025-06&to=2025-06";
    JsonNode before = netResult(pnlPath, "-120");
    String valuation = "{\"assetId\": \"" + asset + "\", \"discountRate\": 0.08}";
    JsonNode valuedBefore = valued(valuation);

    importCsv("%1$s,system-input-volume,%1$s-inlet,2025-06-03T09:00:00Z,90000,MTQ\n");
    job.closeDuePeriods();
    month(2);
    netResult(pnlPath, "-36120");
    JsonNode forced = reading("2025-06-03T09:00:00Z");
    long id =
        correct(forced, "VOID", null, "pump test volume booked as inflow")
            .json()
            .get("correctionId")
            .asLong();
    assertThat(api.post("/api/v1/twin/corrections/" + id + "/approve", "officer", "{}").status())
        .isEqualTo(200);
    job.closeDuePeriods();
    assertThat(month(3).get("cause").asString())
        .isEqualTo("correction " + id + " by operator: pump test volume booked as inflow");

    JsonNode after = netResult(pnlPath, "-120");
    assertThat(after.at("/statements/0/lines/0/amount").decimalValue())
        .isEqualByComparingTo(before.at("/statements/0/lines/0/amount").decimalValue());
    JsonNode valuedAfter = valued(valuation);
    assertThat(valuedAfter.get("npv").decimalValue())
        .isEqualByComparingTo(valuedBefore.get("npv").decimalValue());
    JsonNode revisions =
        api.get("/api/v1/pnl/models/corr-" + asset + "/revisions", "auditor").json();
    assertThat(revisions.toString()).contains("correction " + id + " by operator");
  }

  private JsonNode valued(String request) {
    var valued = api.post("/api/v1/valuations", "investor", request);
    assertThat(valued.status()).as(valued.body()).isEqualTo(200);
    return valued.json();
  }

  /** The P&L once its net result for June 2025 is {@code net}. */
  private JsonNode netResult(String path, String net) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> api.get(path, "officer").json(),
            pnl ->
                pnl.at("/statements/0/totals/netResult").isNumber()
                    && pnl.at("/statements/0/totals/netResult")
                            .decimalValue()
                            .compareTo(new java.math.BigDecimal(net))
                        == 0);
  }

  @Test
  void aCorrectionOfAnOpenPeriodAppliesAtOnceAndARejectedOneNever() {
    importCsv("%1$s,system-input-volume,%1$s-inlet,2025-07-01T08:00:00Z,70,MTQ\n");
    JsonNode open = reading("2025-07-01T08:00:00Z");
    var voided = correct(open, "VOID", null, "test reading");
    assertThat(voided.status()).as(voided.body()).isEqualTo(201);
    assertThat(voided.json().get("status").asString()).isEqualTo("APPLIED");
    assertThat(voided.json().get("closedPeriods")).isEmpty();

    importCsv("%1$s,system-input-volume,%1$s-inlet,2025-06-03T08:00:00Z,30,MTQ\n");
    job.closeDuePeriods();
    JsonNode closed = reading("2025-06-03T08:00:00Z");
    long id = correct(closed, "VOID", null, "duplicate").json().get("correctionId").asLong();
    var noReason = api.post("/api/v1/twin/corrections/" + id + "/reject", "officer", "{}");
    assertThat(noReason.status()).isEqualTo(422);
    var rejected =
        api.post(
            "/api/v1/twin/corrections/" + id + "/reject",
            "officer",
            "{\"reason\": \"the reading is real\"}");
    assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
    assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
    assertThat(job.closeDuePeriods()).as("a rejected correction changes nothing").isZero();
    assertThat(month(1).get("value").decimalValue()).isEqualByComparingTo("30");
  }

  @Test
  void aSpikeIsHeldForReviewThenReleasedWithApproval() {
    StringBuilder rows = new StringBuilder();
    java.time.Instant start = java.time.Instant.parse("2025-08-01T00:00:00Z");
    for (int q = 0; q < 2 * 96; q++) {
      rows.append("%1$s,system-input-volume,%1$s-inlet,")
          .append(start.plus(Duration.ofMinutes(15L * q)))
          .append(',')
          .append(100 + q % 7)
          .append(",MTQ\n");
    }
    importCsv(rows.toString());
    job.closeDuePeriods();
    importCsv(
        """
        %1$s,system-input-volume,%1$s-inlet,2025-08-04T08:00:00Z,104,MTQ
        %1$s,system-input-volume,%1$s-inlet,2025-08-04T09:00:00Z,9000,MTQ
        """);

    job.closeDuePeriods();
    var held = api.get("/api/v1/twin/corrections?status=HELD", "operator");
    JsonNode hold =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> heldOf(api.get("/api/v1/twin/corrections?status=HELD", "operator").json()),
                java.util.Optional::isPresent)
            .orElseThrow();
    assertThat(held.status()).isEqualTo(200);
    assertThat(hold.get("action").asString()).isEqualTo("HOLD");
    assertThat(hold.get("requestedBy").asString()).isEqualTo("spike-rule");
    assertThat(hold.get("reason").asString()).contains("scaled MADs from the median");
    job.closeDuePeriods();
    JsonNode first = day("2025-08-03T22:00:00Z", 1);
    assertThat(first.get("value").decimalValue())
        .as("the held reading is not in its day")
        .isEqualByComparingTo("104");
    assertThat(first.get("cause").isNull()).isTrue();

    JsonNode spike = reading("2025-08-04T09:00:00Z");
    var release = correct(spike, "RELEASE", null, "a fire hydrant test: the flow was real");
    assertThat(release.status()).as(release.body()).isEqualTo(201);
    assertThat(release.json().get("status").asString()).isEqualTo("WAITING");
    long id = release.json().get("correctionId").asLong();
    assertThat(api.post("/api/v1/twin/corrections/" + id + "/approve", "officer", "{}").status())
        .isEqualTo(200);
    job.closeDuePeriods();
    JsonNode day = day("2025-08-03T22:00:00Z", 2);
    assertThat(day.get("value").decimalValue()).isEqualByComparingTo("9104");
    assertThat(day.get("cause").asString())
        .isEqualTo("correction " + id + " by operator: a fire hydrant test: the flow was real");
    assertThat(heldOf(api.get("/api/v1/twin/corrections?status=HELD", "operator").json()))
        .as("released, so no longer held")
        .isEmpty();
  }

  private java.util.Optional<JsonNode> heldOf(JsonNode list) {
    for (JsonNode c : list) {
      if (c.at("/reading/assetId").asString().equals(asset)) {
        return java.util.Optional.of(c);
      }
    }
    return java.util.Optional.empty();
  }

  private JsonNode day(String start, int revision) {
    String path =
        "/api/v1/assets/%s/kpis/system-input-volume/periods?kind=DAY&from=%s&to=%s"
            .formatted(asset, start, java.time.Instant.parse(start).plusSeconds(1));
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> api.get(path, "officer").json(),
            list -> list.size() == 1 && list.get(0).get("revision").asInt() == revision)
        .get(0);
  }

  @Test
  void aQuarantinedRowIsFixedAndResubmittedOnce() {
    var imported =
        api.send(
            "POST",
            "/api/v1/twin/imports?name=" + asset + "-typo.csv&format=csv",
            "operator",
            "asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n"
                + asset
                + ",system-input-volume,"
                + asset
                + "-inlet,2025-10-01T13:00:00Z,99999999999,MTQ\n");
    assertThat(imported.json().get("quarantined").asInt()).isEqualTo(1);
    JsonNode entry = null;
    for (JsonNode q : api.get("/api/v1/twin/quarantine", "operator").json()) {
      if (q.get("rawPayload").asString().contains(asset)) {
        entry = q;
        break;
      }
    }
    assertThat(entry).isNotNull();
    long quarantineId = entry.get("id").asLong();
    String fixed =
        "asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n"
            + entry.get("rawPayload").asString().replace("99999999999", "999");
    String body =
        "{\"action\": \"RESUBMIT\", \"quarantineId\": %d, \"reason\": \"digits doubled\","
            + " \"payload\": %s}";

    var resubmitted =
        api.post(
            "/api/v1/twin/corrections",
            "operator",
            body.formatted(quarantineId, json.writeValueAsString(fixed)));

    assertThat(resubmitted.status()).as(resubmitted.body()).isEqualTo(201);
    assertThat(resubmitted.json().get("action").asString()).isEqualTo("RESUBMIT");
    assertThat(resubmitted.json().get("status").asString()).isEqualTo("APPLIED");
    assertThat(resubmitted.json().get("quarantineId").asLong()).isEqualTo(quarantineId);
    assertThat(reading("2025-10-01T13:00:00Z").at("/reading/value").decimalValue())
        .isEqualByComparingTo("999");
    long correction = resubmitted.json().get("correctionId").asLong();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              for (JsonNode q : api.get("/api/v1/twin/quarantine", "auditor").json()) {
                if (q.get("id").asLong() == quarantineId) {
                  return q.path("resubmittedBy").asLong(-1) == correction;
                }
              }
              return false;
            });
    var again =
        api.post(
            "/api/v1/twin/corrections",
            "operator",
            body.formatted(quarantineId, json.writeValueAsString(fixed)));
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.json().get("detail").asString())
        .isEqualTo(
            "quarantineId: quarantine entry "
                + quarantineId
                + " was re-submitted already, by correction "
                + correction);
    var stillWrong =
        api.post(
            "/api/v1/twin/corrections",
            "operator",
            body.formatted(quarantineId + 100_000, json.writeValueAsString(fixed)));
    assertThat(stillWrong.status()).isEqualTo(404);
  }

  @Test
  void wrongRequestsAreRefusedWithProblems() {
    importCsv("%1$s,system-input-volume,%1$s-inlet,2025-06-01T08:00:00Z,100,MTQ\n");
    JsonNode stored = reading("2025-06-01T08:00:00Z");

    var noReason = correct(stored, "VOID", null, " ");
    assertThat(noReason.status()).isEqualTo(422);
    assertThat(noReason.json().get("field").asString()).isEqualTo("reason");
    var hold = correct(stored, "HOLD", null, "looks odd");
    assertThat(hold.status()).isEqualTo(422);
    assertThat(hold.json().get("detail").asString()).contains("only the spike rule holds");
    var release = correct(stored, "RELEASE", null, "fine");
    assertThat(release.status()).isEqualTo(422);
    var valueOnVoid = correct(stored, "VOID", "5", "typo");
    assertThat(valueOnVoid.status()).isEqualTo(422);
    var implausible = correct(stored, "SUPERSEDE", "99999999999", "typo");
    assertThat(implausible.status()).isEqualTo(422);
    assertThat(implausible.json().get("detail").asString())
        .isEqualTo(
            "value: 99999999999 MTQ is outside the physical range 0..250000 of KPI"
                + " system-input-volume");
    var unknown =
        api.post(
            "/api/v1/twin/corrections",
            "operator",
            """
            {"action": "VOID", "reason": "x",
             "reading": {"source": "bulk:nowhere", "sensorId": "s", "observedAt": "2025-06-01T08:00:00Z"}}""");
    assertThat(unknown.status()).isEqualTo(404);
    var both =
        api.post(
            "/api/v1/twin/corrections",
            "operator",
            "{\"action\": \"VOID\", \"reason\": \"x\", \"batchId\": 1, \"reading\": "
                + key(stored)
                + "}");
    assertThat(both.status()).isEqualTo(422);
    var investor =
        api.post(
            "/api/v1/twin/corrections",
            "investor",
            "{\"action\": \"VOID\", \"reason\": \"x\", \"reading\": " + key(stored) + "}");
    assertThat(investor.status()).isEqualTo(403);
    assertThat(api.get("/api/v1/twin/corrections/999999999", "auditor").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/twin/corrections?status=DONE", "auditor").status()).isEqualTo(400);
  }

  private Api.Response correct(JsonNode stored, String action, String value, String reason) {
    return api.post(
        "/api/v1/twin/corrections",
        "operator",
        "{\"action\": \"%s\", \"reason\": %s, %s\"reading\": %s}"
            .formatted(
                action,
                json.writeValueAsString(reason),
                value == null ? "" : "\"value\": " + value + ", ",
                key(stored)));
  }

  private static String key(JsonNode stored) {
    return "{\"source\": \"%s\", \"sensorId\": \"%s\", \"observedAt\": \"%s\"}"
        .formatted(
            stored.at("/reading/source").asString(),
            stored.at("/reading/sensorId").asString(),
            stored.at("/reading/observedAt").asString());
  }

  private JsonNode reading(String observedAt) {
    var found =
        api.get(
            "/api/v1/twin/readings?asset=%s&from=%s&to=%s"
                .formatted(asset, observedAt, java.time.Instant.parse(observedAt).plusSeconds(1)),
            "auditor");
    assertThat(found.status()).as(found.body()).isEqualTo(200);
    assertThat(found.json()).hasSize(1);
    return found.json().get(0);
  }

  /** June 2025's latest revision, once the read side shows {@code revision}. */
  private JsonNode month(int revision) {
    String path =
        "/api/v1/assets/%s/kpis/system-input-volume/periods?kind=MONTH&from=2025-05-31T00:00:00Z&to=2025-06-30T00:00:00Z"
            .formatted(asset);
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> api.get(path, "officer").json(),
            list -> list.size() == 1 && list.get(0).get("revision").asInt() == revision)
        .get(0);
  }

  private void importCsv(String rows) {
    var response =
        api.send(
            "POST",
            "/api/v1/twin/imports?name=corrections.csv&format=csv",
            "operator",
            "asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n" + rows.formatted(asset));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }
}
