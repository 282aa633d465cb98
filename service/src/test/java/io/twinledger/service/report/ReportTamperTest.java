package io.twinledger.service.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Upstream data changed in PostgreSQL after a report was issued: a reading, a KPI period event, the
 * bond's terms, a log node. Each is caught, by {@code verify-report} naming the input and the
 * figures on it, or, for a node, by the integrity check. The edits leave the log not intact, which
 * stops checkpoints, so the context and its database are thrown away after this class.
 */
@OnEmbeddedDb
@DirtiesContext
class ReportTamperTest {

  private static final String KPI = ProvenBond.KPI;

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;
  @Autowired BondJobs jobs;
  @Autowired JdbcClient jdbc;

  private Api api;
  private String asset;
  private String bond;

  @BeforeEach
  void bondOnProvenMonths() {
    api = new Api(port, json);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    asset = "dma-" + suffix;
    bond = "bond-" + suffix;
    ProvenBond.define(
        api,
        new ProvenDistrict(api, periods::closeDuePeriods, audit::checkpoint),
        asset,
        bond,
        jobs::runDue);
  }

  @Test
  void aReadingChangedAfterIssueIsCaughtAndNamed() {
    var issued = issue("2025-03-01", "2025-05-01");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    String reportId = issued.json().get("reportId").asString();

    int changed =
        jdbc.sql(
                "UPDATE reading SET value = value + 1 WHERE asset_id = :asset"
                    + " AND observed_at = '2025-03-20T08:00:00Z'")
            .param("asset", asset)
            .update();
    assertThat(changed).isEqualTo(1);

    Verification verification = new ReportVerifier(Consortium::twinLedger).verify(bundle(reportId));
    assertThat(verification.passed()).isFalse();
    assertThat(lines(verification))
        .anyMatch(l -> l.startsWith("input batch.") && l.contains("digest mismatch"))
        .anyMatch(
            l ->
                l.startsWith("figure kpi." + asset + "." + KPI + ".2025-03")
                    && l.contains("input batch."))
        .anyMatch(l -> l.startsWith("figure payments.total.USD") && l.contains("failed"));
  }

  @Test
  void aPeriodEventTheTermsOrALogNodeChangedAfterIssueIsCaughtAndNamed() {
    var issued = issue("2025-03-01", "2025-05-01");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    String reportId = issued.json().get("reportId").asString();
    ReportVerifier verifier = new ReportVerifier(Consortium::twinLedger);
    assertThat(verifier.verify(bundle(reportId)).passed()).isTrue();

    int periods =
        jdbc.sql(
                """
                UPDATE domain_event_entry SET payload = convert_to(regexp_replace(
                  convert_from(payload, 'UTF8'), '"value":[0-9.]+', '"value":149'), 'UTF8')
                WHERE payload_type LIKE '%KpiPeriodClosed' AND aggregate_identifier LIKE :asset
                """)
            .param("asset", asset + "%")
            .update();
    assertThat(periods).isPositive();
    assertThat(lines(verifier.verify(bundle(reportId))))
        .anyMatch(l -> l.startsWith("input period.") && l.contains("payload digest mismatch"))
        .anyMatch(l -> l.startsWith("figure kpi.") && l.contains("input period."));

    int terms =
        jdbc.sql(
                """
                UPDATE domain_event_entry SET payload = convert_to(regexp_replace(
                  convert_from(payload, 'UTF8'), 'amountPerUnit([^0-9]+)0[.]1', 'amountPerUnit\\10.2'),
                  'UTF8')
                WHERE payload_type LIKE '%BondDefined' AND aggregate_identifier = :bond
                """)
            .param("bond", "bond:" + bond)
            .update();
    assertThat(terms).isEqualTo(1);
    assertThat(lines(verifier.verify(bundle(reportId))))
        .anyMatch(l -> l.startsWith("input terms.") && l.contains("payload digest mismatch"))
        .anyMatch(l -> l.startsWith("figure payment.") && l.contains("input terms."));

    int nodes =
        jdbc.sql("UPDATE audit_node SET hash = sha256(hash) WHERE level = 1 AND node_index < 4")
            .update();
    assertThat(nodes).isPositive();
    // A node is not an input of the report: the integrity check, which recomputes every node
    // from the leaves, is what names it; a bundle proven from the changed node fails its proof.
    var integrity = api.get("/api/v1/audit/integrity", "auditor");
    assertThat(integrity.json().get("intact").asBoolean()).as(integrity.body()).isFalse();
    assertThat(integrity.body()).contains("node");
  }

  private Api.Response issue(String from, String to) {
    return api.post(
        "/api/v1/reports",
        "officer",
        "{\"bondId\": \"%s\", \"from\": \"%s\", \"to\": \"%s\"}".formatted(bond, from, to));
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

  private static List<String> lines(Verification verification) {
    return verification.findings().stream().map(Finding::line).toList();
  }
}
