package io.twinledger.service.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.InputKind;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportBundle;
import io.twinledger.reporting.report.ReportBundleJson;
import io.twinledger.reporting.report.ReportJson;
import io.twinledger.reporting.report.ReportType;
import io.twinledger.reporting.report.ReportVerifier;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.bond.BondJobs;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.ProvenBond;
import io.twinledger.service.support.ProvenDistrict;
import io.twinledger.service.twin.KpiPeriodJob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An investor's statement issued through {@code POST /api/v1/reports} from a bond's whole life over
 * real HTTP, PostgreSQL and the embedded Fabric peer (proven periods, placement, co-signed
 * determinations, payouts on the Fabric token), its bundle downloaded and verified offline figure
 * by figure; then a register changed in PostgreSQL is named. The statement and its bundle (which
 * carries the whole register) are read by its holder, the finance officer, the auditor and the
 * trustee, and by no other investor.
 */
@OnEmbeddedDb
class InvestorStatementTest {

  private static final String KPI = "system-input-volume";
  private static final LocalDate FROM = LocalDate.parse("2025-01-01");
  private static final LocalDate TO = LocalDate.parse("2026-01-01");

  /** The demo's investor user, who holds a unit of each test bond beside the test's holder. */
  private static final String DEMO_INVESTOR = "investor";

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;
  @Autowired BondJobs jobs;
  @Autowired JdbcClient jdbc;

  private Api api;
  private String asset;
  private String bond;
  private String investor;

  /**
   * A bond paying 100.00 on an outcome, 25.00 and 10.00 per unit and a coupon of 20.00 each half
   * year, held one unit each by holder-b, the demo's investor and the test's investor, every
   * payment paid on the Fabric token.
   */
  @BeforeEach
  void aBondPaidToThreeEqualHolders() {
    api = new Api(port, json);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    asset = "dma-" + suffix;
    bond = "bond-" + suffix;
    investor = "inv-" + suffix;
    new ProvenDistrict(api, periods::closeDuePeriods, audit::checkpoint)
        .register(
            asset,
            KPI,
            "[]",
            2,
            "2025-03-04T08:00:00Z,100",
            "2025-03-20T08:00:00Z,50",
            "2025-04-10T08:00:00Z,300");
    ProvenBond.issue(
        api,
        bond,
        """
        {"id": "%s", "currency": "USD", "face": "1000", "denomination": "100",
         "issueDate": "2025-01-01", "maturity": "2030-01-01",
         "coupon": {"rate": "0.04", "frequency": 2, "dayCount": "30/360 US"},
         "features": [
          {"type": "outcome-tiers", "asset": "%s", "kpi": "%s",
           "observationDate": "2025-03-01", "paymentDate": "2025-05-01",
           "tiers": [{"upper": "200", "upperInclusive": true, "amount": "100",
                      "payer": "ISSUER"}]},
          {"type": "per-unit-payment", "asset": "%2$s", "kpi": "%3$s", "baseline": "400",
           "better": "LOWER", "amountPerUnit": "0.10", "firstMonth": "2025-03",
           "lastMonth": "2025-04"}]}"""
            .formatted(bond, asset, KPI),
        Duration.ofSeconds(20));
    awaitBond(b -> b.get("status").asString().equals("ISSUED"));
    var placed =
        api.put(
            "/api/v1/bonds/" + bond + "/holders",
            "officer",
            """
            {"holdings": [{"holder": "%s", "units": 1}, {"holder": "holder-b", "units": 1},
                          {"holder": "%s", "units": 1}]}"""
                .formatted(investor, DEMO_INVESTOR));
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
              String paid = api.get("/api/v1/bonds/" + bond + "/payouts", "officer").body();
              return Stream.of(
                      "f0-outcome-2025-05-01",
                      "f1-per-unit-2025-03-31",
                      "f1-per-unit-2025-04-30",
                      "coupon-2025-07-01")
                  .allMatch(paid::contains);
            });
  }

  @Test
  void theStatementVerifiesOfflineFigureByFigureAndAChangedRegisterIsNamed() throws Exception {
    var issued = issue(investor);
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    String reportId = issued.json().get("reportId").asString();
    assertThat(issued.json().get("type").asString()).isEqualTo("investor-statement");
    var document = api.get("/api/v1/reports/" + reportId, "officer");
    assertThat(document.status()).isEqualTo(200);
    Report report = ReportJson.read(document.body().getBytes(StandardCharsets.UTF_8));

    assertThat(report.type()).isEqualTo(ReportType.INVESTOR_STATEMENT);
    assertThat(report.subject()).isEqualTo(investor);
    Map<String, String> values =
        report.figures().stream().collect(Collectors.toMap(Figure::id, Figure::value));
    // 100.00, 25.00 and 10.00 over three equal units each leave a cent, which goes to holder-b,
    // the smallest holder id; the coupon's 20.00 leaves two, the second to this investor.
    assertThat(values)
        .containsEntry("payment." + bond + ".f0-outcome-2025-05-01", "100.00")
        .containsEntry("payout." + bond + ".f0-outcome-2025-05-01", "33.33")
        .containsEntry("payout." + bond + ".f1-per-unit-2025-03-31", "8.33")
        .containsEntry("payout." + bond + ".f1-per-unit-2025-04-30", "3.33")
        .containsEntry("payouts.total.USD", "51.66");
    // The coupon is the schedule's: its figure reads the terms and the periods the co-signed
    // determinations fixed (which would step a coupon up), not a determination of its own.
    assertThat(report.figures())
        .filteredOn(
            f -> f.formula().equals("bond-payment") && f.parameters().get("kind").equals("COUPON"))
        .singleElement()
        .satisfies(
            coupon -> {
              assertThat(coupon.value()).isEqualTo("20.00");
              assertThat(coupon.parameters()).doesNotContainKey("feature");
              assertThat(coupon.inputs().getFirst()).startsWith("terms.");
              assertThat(coupon.inputs().subList(1, coupon.inputs().size()))
                  .allMatch(i -> i.startsWith("kpi." + asset + "."));
              assertThat(values).containsEntry("payout." + coupon.id().substring(8), "6.67");
            });
    assertThat(report.inputs())
        .filteredOn(i -> i.kind() == InputKind.HOLDINGS)
        .extracting(i -> i.id())
        .containsExactly("holdings." + bond + ".v1");
    assertThat(report.figures())
        .filteredOn(f -> f.formula().equals("holder-payout"))
        .allMatch(f -> !f.label().contains("holder-b") && f.label().contains(investor));

    ReportVerifier verifier = new ReportVerifier(Consortium::twinLedger);
    Verification verification = verifier.verify(bundle(reportId, "officer"));
    assertThat(verification.failures()).as(lines(verification).toString()).isEmpty();
    assertThat(lines(verification))
        .contains(
            "figure payout." + bond + ".f0-outcome-2025-05-01: ok — 33.33 USD by holder-payout",
            "figure payouts.total.USD: ok — 51.66 USD by sum")
        .anyMatch(l -> l.startsWith("figure kpi." + asset + "." + KPI + ".2025-03: ok"))
        .anyMatch(l -> l.startsWith("input holdings." + bond + ".v1: ok"));

    assertThat(editRegister("\"units\":1", "\"units\":2")).isEqualTo(1);
    try {
      Verification tampered = verifier.verify(bundle(reportId, "auditor"));
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
    } finally {
      // The demo investor holds a unit of this bond too: their statements read this register.
      editRegister("\"units\":2", "\"units\":1");
    }
  }

  /** Replaces the first {@code from} in the bond's stored register by {@code to}. */
  private int editRegister(String from, String to) {
    return jdbc.sql(
            """
            UPDATE domain_event_entry SET payload = convert_to(regexp_replace(
              convert_from(payload, 'UTF8'), :from, :to), 'UTF8')
            WHERE payload_type LIKE '%HoldingsRecorded' AND aggregate_identifier = :bond
            """)
        .param("from", from)
        .param("to", to)
        .param("bond", "bond:" + bond)
        .update();
  }

  @Test
  void anotherInvestorNeitherReadsNorListsAStatementNorItsBundle() {
    var others = issue(investor);
    assertThat(others.status()).as(others.body()).isEqualTo(201);
    String theirs = others.json().get("reportId").asString();
    var own = issue(DEMO_INVESTOR);
    assertThat(own.status()).as(own.body()).isEqualTo(201);
    String mine = own.json().get("reportId").asString();

    String base = "/api/v1/reports/" + theirs;
    for (String path :
        List.of(base, base + "?format=pdf", base + "?format=csv", base + "/summary")) {
      assertThat(api.get(path, DEMO_INVESTOR).status()).as(path).isEqualTo(404);
    }
    assertThat(api.download(base + "/bundle", DEMO_INVESTOR).statusCode()).isEqualTo(404);
    assertThat(reportIds(api.get("/api/v1/reports", DEMO_INVESTOR).json()))
        .contains(mine)
        .doesNotContain(theirs);
    assertThat(reportIds(api.get("/api/v1/reports?subject=" + investor, DEMO_INVESTOR).json()))
        .isEmpty();

    assertThat(api.get("/api/v1/reports/" + mine, DEMO_INVESTOR).status()).isEqualTo(200);
    assertThat(api.download("/api/v1/reports/" + mine + "/bundle", DEMO_INVESTOR).statusCode())
        .isEqualTo(200);
    for (String user : List.of("officer", "auditor", "trustee")) {
      assertThat(api.get(base, user).status()).as(user).isEqualTo(200);
      assertThat(reportIds(api.get("/api/v1/reports", user).json())).as(user).contains(theirs);
    }
    assertThat(api.get(base, "resident").status()).isEqualTo(403);
    var byInvestor =
        api.post(
            "/api/v1/reports",
            DEMO_INVESTOR,
            """
            {"type": "investor-statement", "holder": "%s", "from": "%s", "to": "%s"}"""
                .formatted(DEMO_INVESTOR, FROM, TO));
    assertThat(byInvestor.status()).isEqualTo(403);
  }

  @Test
  void aHolderPaidNothingInThePeriodIsRefusedWithTheReason() {
    var nobody = issue("nobody-" + investor);
    assertThat(nobody.status()).as(nobody.body()).isEqualTo(422);
    assertThat(nobody.json().get("detail").asString())
        .isEqualTo("holder nobody-" + investor + " was paid nothing from " + FROM + " to " + TO);
    var noHolder =
        api.post(
            "/api/v1/reports",
            "officer",
            """
            {"type": "investor-statement", "from": "%s", "to": "%s"}"""
                .formatted(FROM, TO));
    assertThat(noHolder.status()).isEqualTo(400);
  }

  private Api.Response issue(String holder) {
    return api.post(
        "/api/v1/reports",
        "officer",
        """
        {"type": "investor-statement", "holder": "%s", "from": "%s", "to": "%s"}"""
            .formatted(holder, FROM, TO));
  }

  private ReportBundle bundle(String reportId, String user) throws Exception {
    var response = api.download("/api/v1/reports/" + reportId + "/bundle", user);
    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
    return ReportBundleJson.read(response.body());
  }

  private static List<String> reportIds(JsonNode listed) {
    return listed.valueStream().map(r -> r.get("reportId").asString()).toList();
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
