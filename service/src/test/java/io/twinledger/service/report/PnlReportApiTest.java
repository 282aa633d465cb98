package io.twinledger.service.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.reporting.report.ReportBundle;
import io.twinledger.reporting.report.ReportBundleJson;
import io.twinledger.reporting.report.ReportVerifier;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.ProvenDistrict;
import io.twinledger.service.support.ProvenPnl;
import io.twinledger.service.support.WaterPnl;
import io.twinledger.service.twin.KpiPeriodJob;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * An asset's P&amp;L statement over real HTTP, PostgreSQL and the embedded Fabric peer: issued from
 * its proven KPI periods and its logged model, its bundle verified offline line by line, and
 * refused for months that are not proven or an asset without a model.
 */
@OnEmbeddedDb
class PnlReportApiTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;
  @Autowired CommandGateway commands;

  private Api api;
  private String asset;

  @BeforeEach
  void provenDistrictWithAModel() {
    api = new Api(port, json);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    asset = "dma-" + suffix;
    ProvenPnl.marchAndApril2025(
        api,
        new ProvenDistrict(api, periods::closeDuePeriods, audit::checkpoint),
        asset,
        "sales-" + suffix);
  }

  @Test
  void aPnlStatementVerifiesOfflineLineByLine() {
    var issued = issue(asset, "2025-03-01", "2025-05-01");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    assertThat(issued.json().get("type").asString()).isEqualTo("pnl-statement");
    assertThat(issued.json().get("subject").asString()).isEqualTo(asset);
    String reportId = issued.json().get("reportId").asString();

    Verification verification = new ReportVerifier(Consortium::twinLedger).verify(bundle(reportId));
    List<String> lines = verification.findings().stream().map(Finding::line).toList();
    assertThat(verification.failures()).as(lines.toString()).isEmpty();
    assertThat(lines)
        .anyMatch(l -> l.startsWith("input model.sales-"))
        .anyMatch(
            l ->
                l.startsWith(
                    "figure kpi." + asset + "." + ProvenPnl.KPI + ".2025-03: ok — 150 MTQ"))
        .anyMatch(l -> l.startsWith("figure line.sales.2025-03: ok — 352.50 EUR by pnl-line"))
        .anyMatch(l -> l.startsWith("figure line.sales.2025-04: ok — 705.00 EUR by pnl-line"))
        .anyMatch(l -> l.startsWith("figure net-income.2025-03: ok — 312.50 EUR by sum"))
        .anyMatch(l -> l.startsWith("figure net-income.2025-04: ok — 665.00 EUR by sum"))
        .anyMatch(l -> l.startsWith("figure total.sales: ok — 1057.50 EUR"))
        .anyMatch(l -> l.startsWith("figure total.fee: ok — 80.00 EUR"))
        .anyMatch(l -> l.startsWith("figure net-income: ok — 977.50 EUR"));
  }

  @Test
  void unprovenMonthsAndAnAssetWithoutAModelAreRefused() {
    var unproven = issue(asset, "2026-01-01", "2026-03-01");
    assertThat(unproven.status()).as(unproven.body()).isEqualTo(422);
    assertThat(unproven.json().get("type").asString()).endsWith("report-refused");
    assertThat(unproven.json().get("detail").asString()).contains("2026-01", "not proven");

    String bare = WaterPnl.waterDistrict(commands, api);
    var noModel = issue(bare, "2025-03-01", "2025-05-01");
    assertThat(noModel.status()).as(noModel.body()).isEqualTo(422);
    assertThat(noModel.json().get("detail").asString()).contains("no active cash-flow model");

    var unknownType =
        api.post(
            "/api/v1/reports",
            "officer",
            "{\"type\": \"p-and-l\", \"assetId\": \"%s\", \"from\": \"2025-03-01\", \"to\": \"2025-05-01\"}"
                .formatted(asset));
    assertThat(unknownType.status()).isEqualTo(400);
    assertThat(api.get("/api/v1/reports?subject=" + asset, "officer").json()).isEmpty();
  }

  private Api.Response issue(String subject, String from, String to) {
    return api.post(
        "/api/v1/reports",
        "officer",
        "{\"type\": \"pnl-statement\", \"assetId\": \"%s\", \"from\": \"%s\", \"to\": \"%s\"}"
            .formatted(subject, from, to));
  }

  private ReportBundle bundle(String reportId) {
    var response = api.download("/api/v1/reports/" + reportId + "/bundle", "auditor");
    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
    try {
      return ReportBundleJson.read(response.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
