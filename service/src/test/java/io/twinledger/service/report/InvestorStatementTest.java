package io.twinledger.service.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.twinledger.contracts.merkle.ReportStatement;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.peer.identity.EcdsaSignatures;
import io.twinledger.ledger.report.api.IssueReport;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.network.Consortium;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.reporting.compliance.InvestorStatements;
import io.twinledger.reporting.compliance.ReportBundles;
import io.twinledger.reporting.compliance.ReportRefusedException;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Pem;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.InputKind;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportBundle;
import io.twinledger.reporting.report.ReportJson;
import io.twinledger.reporting.report.ReportType;
import io.twinledger.reporting.report.ReportVerifier;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.bond.BondJobs;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.ProvenDistrict;
import io.twinledger.service.twin.KpiPeriodJob;
import io.twinledger.twin.store.ReadingStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An investor's statement drafted with {@link InvestorStatements} from a bond's whole life over
 * real HTTP, PostgreSQL and the embedded Fabric peer (proven periods, placement, co-signed
 * determinations, payouts on the Fabric token), issued the way {@code ComplianceReports} issues a
 * report except for its record on the report contract (the verifier does not read it), bundled by
 * {@link ReportBundles} and verified offline figure by figure; then a register changed in
 * PostgreSQL is named.
 */
@OnEmbeddedDb
class InvestorStatementTest {

  private static final String KPI = "system-input-volume";
  private static final LocalDate FROM = LocalDate.parse("2025-01-01");
  private static final LocalDate TO = LocalDate.parse("2026-01-01");

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;
  @Autowired BondJobs jobs;
  @Autowired JdbcClient jdbc;
  @Autowired CommandGateway commands;
  @Autowired Bonds bonds;
  @Autowired KpiPeriods kpiPeriods;
  @Autowired StoredEvents events;
  @Autowired ReadingStore readings;
  @Autowired AuditLog auditLog;
  @Autowired EvidenceExport evidence;
  @Autowired ReportBundles bundles;
  @Autowired ObjectProvider<MspIdentity> ledgerClientIdentity;

  private Api api;
  private String asset;
  private String bond;
  private String investor;
  private InvestorStatements statements;

  /**
   * A bond paying 100.00 on an outcome and 25.00 and 10.00 per unit, held one unit each by
   * holder-b, holder-c and the investor, every payment paid on the Fabric token.
   */
  @BeforeEach
  void aBondPaidToThreeEqualHolders() {
    api = new Api(port, json);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    asset = "dma-" + suffix;
    bond = "bond-" + suffix;
    investor = "inv-" + suffix;
    statements =
        new InvestorStatements(
            bonds, kpiPeriods, events, readings, auditLog, evidence, audit::feedEvents, json);
    new ProvenDistrict(api, periods::closeDuePeriods, audit::checkpoint)
        .register(
            asset,
            KPI,
            "[]",
            2,
            "2025-03-04T08:00:00Z,100",
            "2025-03-20T08:00:00Z,50",
            "2025-04-10T08:00:00Z,300");
    var defined =
        api.post(
            "/api/v1/bonds",
            "officer",
            """
            {"id": "%s", "currency": "USD", "face": "1000", "denomination": "100",
             "issueDate": "2025-01-01", "maturity": "2030-01-01",
             "features": [
              {"type": "outcome-tiers", "asset": "%s", "kpi": "%s",
               "observationDate": "2025-03-01", "paymentDate": "2025-05-01",
               "tiers": [{"upper": "200", "upperInclusive": true, "amount": "100",
                          "payer": "ISSUER"}]},
              {"type": "per-unit-payment", "asset": "%2$s", "kpi": "%3$s", "baseline": "400",
               "better": "LOWER", "amountPerUnit": "0.10", "firstMonth": "2025-03",
               "lastMonth": "2025-04"}]}"""
                .formatted(bond, asset, KPI));
    assertThat(defined.status()).as(defined.body()).isEqualTo(201);
    String hash = defined.json().get("termsHash").asString();
    awaitBond(b -> b.get("status").asString().equals("DRAFT"));
    var issued =
        api.post(
            "/api/v1/bonds/" + bond + "/issue", "officer", "{\"termsHash\": \"" + hash + "\"}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(200);
    awaitBond(b -> b.get("status").asString().equals("ISSUED"));
    var placed =
        api.put(
            "/api/v1/bonds/" + bond + "/holders",
            "officer",
            """
            {"holdings": [{"holder": "%s", "units": 1}, {"holder": "holder-b", "units": 1},
                          {"holder": "holder-c", "units": 1}]}"""
                .formatted(investor));
    assertThat(placed.status()).as(placed.body()).isEqualTo(200);
    awaitBond(b -> b.get("unitsHeld").asLong() == 3);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              jobs.runDue();
              return determinations().size() == 3;
            });
    for (JsonNode d : determinations()) {
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
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              jobs.runDue();
              return api.get("/api/v1/bonds/" + bond + "/payouts", "officer").json().size() == 3;
            });
  }

  @Test
  void theStatementVerifiesOfflineFigureByFigureAndAChangedRegisterIsNamed() {
    Report report = draft("statement-" + investor);

    assertThat(report.type()).isEqualTo(ReportType.INVESTOR_STATEMENT);
    assertThat(report.subject()).isEqualTo(investor);
    Map<String, String> values =
        report.figures().stream().collect(Collectors.toMap(Figure::id, Figure::value));
    // 100.00, 25.00 and 10.00 over three equal units each leave a cent, which goes to holder-b,
    // the smallest holder id.
    assertThat(values)
        .containsEntry("payment." + bond + ".f0-outcome-2025-05-01", "100.00")
        .containsEntry("payout." + bond + ".f0-outcome-2025-05-01", "33.33")
        .containsEntry("payout." + bond + ".f1-per-unit-2025-03-31", "8.33")
        .containsEntry("payout." + bond + ".f1-per-unit-2025-04-30", "3.33")
        .containsEntry("payouts.total.USD", "44.99");
    assertThat(report.inputs())
        .filteredOn(i -> i.kind() == InputKind.HOLDINGS)
        .extracting(i -> i.id())
        .containsExactly("holdings." + bond + ".v1");
    assertThat(report.figures())
        .filteredOn(f -> f.formula().equals("holder-payout"))
        .allMatch(f -> !f.label().contains("holder-b") && f.label().contains(investor));

    ReportBundle bundle = issueAndBundle(report);
    ReportVerifier verifier = new ReportVerifier(Consortium::twinLedger);
    Verification verification = verifier.verify(bundle);
    assertThat(verification.failures()).as(lines(verification).toString()).isEmpty();
    assertThat(lines(verification))
        .contains(
            "figure payout." + bond + ".f0-outcome-2025-05-01: ok — 33.33 USD by holder-payout",
            "figure payouts.total.USD: ok — 44.99 USD by sum")
        .anyMatch(l -> l.startsWith("figure kpi." + asset + "." + KPI + ".2025-03: ok"))
        .anyMatch(l -> l.startsWith("input holdings." + bond + ".v1: ok"));

    int changed =
        jdbc.sql(
                """
                UPDATE domain_event_entry SET payload = convert_to(regexp_replace(
                  convert_from(payload, 'UTF8'), '"units":1', '"units":2'), 'UTF8')
                WHERE payload_type LIKE '%HoldingsRecorded' AND aggregate_identifier = :bond
                """)
            .param("bond", "bond:" + bond)
            .update();
    assertThat(changed).isEqualTo(1);
    Verification tampered = verifier.verify(bundles.bundle(report, bundle.signature(), List.of(), Optional.empty()));
    assertThat(lines(tampered))
        .anyMatch(
            l ->
                l.startsWith("input holdings." + bond + ".v1")
                    && l.contains("payload digest mismatch"))
        .anyMatch(
            l ->
                l.startsWith("figure payout." + bond + ".f1-per-unit-2025-03-31")
                    && l.contains("input holdings." + bond + ".v1 failed"))
        .anyMatch(l -> l.startsWith("figure payouts.total.USD") && l.contains("failed"))
        .anyMatch(l -> l.startsWith("figure payment." + bond) && l.contains("ok"));
  }

  @Test
  void aHolderPaidNothingInThePeriodIsRefusedWithTheReason() {
    assertThatThrownBy(() -> draft("statement-nobody", "nobody-" + investor, FROM, TO))
        .isInstanceOf(ReportRefusedException.class)
        .hasMessage("holder nobody-" + investor + " was paid nothing from " + FROM + " to " + TO);
    LocalDate later = LocalDate.parse("2026-01-01");
    assertThatThrownBy(() -> draft("statement-later", investor, later, later.plusYears(1)))
        .isInstanceOf(ReportRefusedException.class)
        .hasMessageContaining("was paid nothing from 2026-01-01");
  }

  private Report draft(String reportId) {
    return draft(reportId, investor, FROM, TO);
  }

  private Report draft(String reportId, String holder, LocalDate from, LocalDate to) {
    return statements
        .draft(
            reportId,
            holder,
            from,
            to,
            ledgerClientIdentity.getObject().mspId(),
            Instant.now().truncatedTo(ChronoUnit.MILLIS),
            new Report.Provenance("TwinLedger test", "0".repeat(64)))
        .report();
  }

  /**
   * Signs the report with TwinLedger's client identity and logs its issue, as {@code
   * ComplianceReports} does, then bundles it from the stores.
   */
  private ReportBundle issueAndBundle(Report report) {
    MspIdentity identity = ledgerClientIdentity.getObject();
    ReportStatement statement = ReportJson.statement(report);
    String signature =
        Base64.getEncoder()
            .encodeToString(EcdsaSignatures.sign(identity.privateKey(), statement.signedContent()));
    commands.sendAndWait(
        new IssueReport(
            report.id(),
            report.type().label(),
            report.subject(),
            statement.sha256().hex(),
            identity.mspId(),
            signature,
            Optional.empty(),
            Optional.empty()));
    return bundles.bundle(
        report,
        new ReportBundle.IssuerSignature(
            identity.mspId(), Pem.of(identity.certificate()), signature),
        List.of(),
        Optional.empty());
  }

  private JsonNode determinations() {
    return api.get("/api/v1/bonds/" + bond + "/determinations", "officer").json();
  }

  private void awaitBond(java.util.function.Predicate<JsonNode> ready) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              var got = api.get("/api/v1/bonds/" + bond, "officer");
              return got.status() == 200 && ready.test(got.json());
            });
  }

  private static List<String> lines(Verification verification) {
    return verification.findings().stream().map(Finding::line).toList();
  }
}
