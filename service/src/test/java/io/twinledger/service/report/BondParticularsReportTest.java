package io.twinledger.service.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.ReportBundle;
import io.twinledger.reporting.report.ReportBundleJson;
import io.twinledger.reporting.report.ReportVerifier;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.bond.BondJobs;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.ProvenBond;
import io.twinledger.service.support.ProvenDistrict;
import io.twinledger.service.twin.KpiPeriodJob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sustainability-linked bond's KPI report after ICMA's principles, over real HTTP, PostgreSQL and
 * the embedded peer: the KPI's performance and method, the target, met or missed, and the coupon
 * step are figures the verifier computes again offline, beside the period's coupons as the schedule
 * pays them (stepped up after the confirmation date); a target met is reported too, though it pays
 * nothing.
 */
@OnEmbeddedDb
class BondParticularsReportTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;
  @Autowired BondJobs jobs;

  @Test
  void anSlbReportShowsTheTargetWhetherItWasMetAndTheStepEachVerifiedOffline() throws Exception {
    Api api = new Api(port, json);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String asset = "dma-" + suffix;
    // March's system input volume is 150 m³: a target of at most 120 is missed, 200 is met.
    new ProvenDistrict(api, periods::closeDuePeriods, audit::checkpoint)
        .register(
            asset,
            ProvenBond.KPI,
            "[]",
            2,
            "2025-03-04T08:00:00Z,100",
            "2025-03-20T08:00:00Z,50",
            "2025-04-10T08:00:00Z,300");
    String missed = slb(api, "slb-missed-" + suffix, asset, "120");
    String met = slb(api, "slb-met-" + suffix, asset, "200");

    Map<String, Figure> steppedUp = verified(api, missed, "2025-03-01", "2026-02-01");
    assertThat(steppedUp.get(missed + ".f0.target").value()).isEqualTo("120");
    assertThat(steppedUp.get(missed + ".f0.target").unit()).isEqualTo("MTQ");
    assertThat(steppedUp.get(missed + ".f0.target-met").value()).isEqualTo("missed");
    assertThat(steppedUp.get(missed + ".f0.step").value()).isEqualTo("0.25");
    assertThat(steppedUp.get("method." + asset + "." + ProvenBond.KPI + ".2025-03").value())
        .isEqualTo(
            "sum of readings in MTQ; asset assetClass WATER_DISTRICT, averagePressureM 40,"
                + " mainsLengthKm 10, privatePipeLengthKm 1, serviceConnections 900");
    assertThat(steppedUp.values())
        .filteredOn(f -> f.formula().equals("bond-payment"))
        .extracting(f -> f.parameters().get("date"), Figure::value)
        .as("July's coupon at 4 %, January's (its period after the confirmation date) at 4.25 %")
        .containsExactlyInAnyOrder(tuple("2025-07-01", "20.00"), tuple("2026-01-01", "21.25"));

    Map<String, Figure> kept = verified(api, met, "2025-03-01", "2025-04-01");
    assertThat(kept.get(met + ".f0.target-met").value()).isEqualTo("met");
    assertThat(kept.get(met + ".f0.step").value()).isEqualTo("0");
    assertThat(kept.values()).noneMatch(f -> f.formula().equals("bond-payment"));
  }

  /** Defines and issues a one-year SLB stepping 25 bp if March's volume misses {@code target}. */
  private String slb(Api api, String bond, String asset, String target) {
    ProvenBond.issue(
        api,
        bond,
        """
        {"id": "%s", "currency": "USD", "face": "1000", "denomination": "100",
         "issueDate": "2025-01-01", "maturity": "2026-01-01",
         "coupon": {"rate": "0.04", "frequency": 2, "dayCount": "30/360 US"},
         "features": [
          {"type": "coupon-step-up", "asset": "%s", "kpi": "%s", "target": "%s",
           "better": "LOWER", "observationDate": "2025-03-01",
           "confirmationDate": "2025-04-15", "stepBp": 25}]}"""
            .formatted(bond, asset, ProvenBond.KPI, target),
        Duration.ofSeconds(20));
    // The trustee co-signs on the bond's token, which holds it once it is placed.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api.get("/api/v1/bonds/" + bond, "officer")
                    .json()
                    .get("status")
                    .asString()
                    .equals("ISSUED"));
    var placed =
        api.put(
            "/api/v1/bonds/" + bond + "/holders",
            "officer",
            "{\"holdings\": [{\"holder\": \"investor\", \"units\": 10}]}");
    assertThat(placed.status()).as(placed.body()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api.get("/api/v1/bonds/" + bond, "officer").json().get("unitsHeld").asLong() == 10);
    ProvenBond.awaitDeterminations(api, bond, 1, Duration.ofSeconds(30), jobs::runDue);
    for (JsonNode d : api.get("/api/v1/bonds/" + bond + "/determinations", "officer").json()) {
      var cosigned =
          api.post(
              "/api/v1/bonds/"
                  + bond
                  + "/determinations/"
                  + d.get("determinationId").asString()
                  + "/cosign",
              "trustee",
              "{}");
      assertThat(cosigned.status()).as(cosigned.body()).isEqualTo(200);
    }
    // Decided, the schedule declares the coupons it held: January's is the last of the bond.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              jobs.runDue();
              return api.get("/api/v1/bonds/" + bond + "/payments", "officer")
                  .body()
                  .contains("coupon-2026-01-01");
            });
    return bond;
  }

  /** Issues the bond's report, verifies its bundle offline, and returns its figures by id. */
  private Map<String, Figure> verified(Api api, String bond, String from, String to)
      throws Exception {
    var issued =
        api.post(
            "/api/v1/reports",
            "officer",
            "{\"bondId\": \"%s\", \"from\": \"%s\", \"to\": \"%s\"}".formatted(bond, from, to));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    assertThat(issued.json().get("type").asString()).isEqualTo("slb-kpi");
    var download =
        api.download(
            "/api/v1/reports/" + issued.json().get("reportId").asString() + "/bundle", "auditor");
    assertThat(download.statusCode()).isEqualTo(200);
    ReportBundle bundle = ReportBundleJson.read(download.body());
    Verification verification = new ReportVerifier(Consortium::twinLedger).verify(bundle);
    List<String> lines = verification.findings().stream().map(Finding::line).toList();
    assertThat(verification.failures()).as(lines.toString()).isEmpty();
    assertThat(lines).anyMatch(l -> l.startsWith("figure " + bond + ".f0.target-met: ok"));
    return bundle.report().figures().stream().collect(Collectors.toMap(Figure::id, f -> f));
  }
}
