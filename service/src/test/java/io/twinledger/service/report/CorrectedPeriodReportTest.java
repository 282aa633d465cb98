package io.twinledger.service.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.reporting.report.ReportBundle;
import io.twinledger.reporting.report.ReportBundleJson;
import io.twinledger.reporting.report.ReportVerifier;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.bond.BondJobs;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.ApprovedCorrection;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.ProvenBond;
import io.twinledger.service.support.ProvenDistrict;
import io.twinledger.service.twin.KpiPeriodJob;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bond report over a period revised by a correction, over real HTTP, PostgreSQL and the embedded
 * Fabric peer: a reading of March is corrected with four eyes, March closes again, the bond is
 * determined on the revision, and the report's bundle, fetched over HTTP, carries the correction's
 * events and the batch it names, so that the offline verifier closes March again from the original
 * readings and the correction.
 */
@OnEmbeddedDb
class CorrectedPeriodReportTest {

  private static final String KPI = ProvenBond.KPI;

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;
  @Autowired BondJobs jobs;

  private Api api;
  private ProvenDistrict district;
  private String asset;
  private String bond;

  @BeforeEach
  void provenDistrict() {
    api = new Api(port, json);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    asset = "dma-" + suffix;
    bond = "bond-" + suffix;
    district = new ProvenDistrict(api, periods::closeDuePeriods, audit::checkpoint);
    ProvenBond.measure(district, asset);
  }

  @Test
  void aReportOnASupersededReadingsRevisionVerifiesOfflineWithTheCorrectionApplied() {
    long id =
        ApprovedCorrection.of(
            api,
            asset,
            "2025-03-20T08:00:00Z",
            "\"action\": \"SUPERSEDE\", \"value\": 80",
            "meter misread: 50 typed for 80");
    closeMarchAgainAs(2);

    List<String> lines = reportVerifiedOffline();

    assertThat(lines)
        .anyMatch(l -> l.startsWith("input correction." + id + ".requested: ok — event "))
        .anyMatch(l -> l.startsWith("input correction." + id + ".decided: ok — event "))
        .anyMatch(l -> l.startsWith(march(2) + "180 MTQ by kpi-period"))
        .anyMatch(l -> l.startsWith("figure payment.") && l.contains("22.00 USD by bond-payment"));
    assertThat(lines.stream().filter(l -> l.startsWith("input batch."))).hasSize(1);
  }

  @Test
  void aVoidedLateBatchTravelsWithItsCorrectionThoughTheRevisionNoLongerNamesIt() {
    district.importReadings(asset, KPI, "2025-03-25T08:00:00Z,7");
    closeMarchAgainAs(2);
    long id =
        ApprovedCorrection.of(
            api, asset, "2025-03-25T08:00:00Z", "\"action\": \"VOID\"", "pump test volume");
    closeMarchAgainAs(3);

    List<String> lines = reportVerifiedOffline();

    assertThat(lines)
        .anyMatch(l -> l.startsWith("input correction." + id + ".requested: ok — event "))
        .anyMatch(l -> l.startsWith(march(3) + "150 MTQ by kpi-period"))
        .anyMatch(l -> l.startsWith("figure payment.") && l.contains("25.00 USD by bond-payment"));
    assertThat(lines.stream().filter(l -> l.startsWith("input batch.")))
        .as("the voided reading's batch is read for its correction")
        .hasSize(2);
  }

  /** The verified line of March's figure under {@code revision}, up to its value. */
  private String march(int revision) {
    return "figure kpi." + asset + "." + KPI + ".2025-03.r" + revision + ": ok — ";
  }

  /** Closes the periods due and waits until March's latest revision is {@code revision}. */
  private void closeMarchAgainAs(int revision) {
    periods.closeDuePeriods();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api
                    .get(
                        "/api/v1/assets/" + asset + "/kpis/" + KPI + "/periods?kind=MONTH",
                        "auditor")
                    .json()
                    .findValues("revision")
                    .stream()
                    .anyMatch(r -> r.asInt() == revision));
    audit.checkpoint();
  }

  /**
   * Issues the bond on the district, waits for both months' determinations, issues its report for
   * March and April, fetches the bundle over HTTP and verifies it offline: every finding but none
   * failed, as lines.
   */
  private List<String> reportVerifiedOffline() {
    ProvenBond.issue(api, bond, ProvenBond.terms(bond, asset), Duration.ofSeconds(20));
    ProvenBond.awaitDeterminations(api, bond, 2, Duration.ofSeconds(20), jobs::runDue);
    var issued =
        api.post(
            "/api/v1/reports",
            "officer",
            "{\"bondId\": \"%s\", \"from\": \"2025-03-01\", \"to\": \"2025-05-01\"}"
                .formatted(bond));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    String reportId = issued.json().get("reportId").asString();
    var download = api.download("/api/v1/reports/" + reportId + "/bundle", "auditor");
    assertThat(download.statusCode()).as(new String(download.body())).isEqualTo(200);
    ReportBundle bundle;
    try {
      bundle = ReportBundleJson.read(download.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }

    Verification verification = new ReportVerifier(Consortium::twinLedger).verify(bundle);

    List<String> lines = verification.findings().stream().map(Finding::line).toList();
    assertThat(verification.failures()).as(lines.toString()).isEmpty();
    return lines;
  }
}
