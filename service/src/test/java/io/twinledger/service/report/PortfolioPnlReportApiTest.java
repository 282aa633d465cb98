package io.twinledger.service.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportBundle;
import io.twinledger.reporting.report.ReportBundleJson;
import io.twinledger.reporting.report.ReportJson;
import io.twinledger.reporting.report.ReportVerifier;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.ProvenDistrict;
import io.twinledger.service.support.ProvenPnl;
import io.twinledger.service.twin.KpiPeriodJob;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portfolio's P&amp;L statement over real HTTP, PostgreSQL and the embedded Fabric peer: two
 * districts with a P&amp;L in May and June 2023 issued as one statement, its bundle verified
 * offline figure by figure (each asset's lines and net income as in its own statement, the
 * portfolio's net income per month and over the period the sums of theirs), and equal to what the
 * P&amp;L API says of the portfolio. An edited portfolio total fails. Refused: an unknown
 * portfolio, months without a P&amp;L, days that are not whole months, no portfolio named, an
 * investor.
 *
 * <p>The portfolio is every asset with a P&amp;L in the period, and the test context's database is
 * shared by the test classes: no other test has a P&amp;L in 2023, and only one test here makes
 * one.
 */
@OnEmbeddedDb
class PortfolioPnlReportApiTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;

  @Test
  void aPortfolioStatementVerifiesOfflineAndAgreesWithThePnl() throws Exception {
    Api api = new Api(port, json);
    ProvenDistrict district = new ProvenDistrict(api, periods::closeDuePeriods, audit::checkpoint);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    // Named so that the portfolio lists them in this order.
    String north = "dma-a-" + suffix;
    String south = "dma-b-" + suffix;
    // 150 m³ in May and 300 m³ in June at 2.35 EUR, less 40 EUR a month: 312.50 and 665.00.
    ProvenPnl.define(
        api,
        district,
        north,
        "north-" + suffix,
        "2.35",
        "40",
        2,
        "2023-05-04T08:00:00Z,100",
        "2023-05-20T08:00:00Z,50",
        "2023-06-10T08:00:00Z,300");
    // 200 m³ and 100 m³ at 1.10 EUR, less 25 EUR a month: 195.00 and 85.00.
    ProvenPnl.define(
        api,
        district,
        south,
        "south-" + suffix,
        "1.10",
        "25",
        2,
        "2023-05-12T08:00:00Z,200",
        "2023-06-12T08:00:00Z,100");

    var issued = issue(api, "all-assets", "2023-05-01", "2023-07-01");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    assertThat(issued.json().get("type").asString()).isEqualTo("portfolio-pnl-statement");
    assertThat(issued.json().get("subject").asString()).isEqualTo("all-assets");
    String reportId = issued.json().get("reportId").asString();
    assertThat(reportId).isEqualTo("all-assets.2023-05-01.2023-07-01");

    Report report = ReportJson.read(api.download("/api/v1/reports/" + reportId, "auditor").body());
    assertThat(report.title())
        .isEqualTo("Portfolio P&L statement, all-assets, 2023-05-01 to 2023-06-30");
    assertThat(report.statements())
        .contains(
            "Portfolio all-assets: the 2 assets whose P&L the projection computes in a month of"
                + " the period, "
                + north
                + ", "
                + south
                + "; each asset's figures as in its own P&L statement, named and labelled with it");
    assertThat(report.figure("line." + south + ".sales.2023-06").orElseThrow().label())
        .isEqualTo(south + ": Water sales, 2023-06");
    var pdf = api.download("/api/v1/reports/" + reportId + "?format=pdf", "auditor");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("all-assets.2023-05-01.2023-07-01_portfolio-pnl-statement_");
    String csv =
        new String(
            api.download("/api/v1/reports/" + reportId + "?format=csv", "auditor").body(),
            StandardCharsets.UTF_8);
    assertThat(csv).contains("portfolio.net-income.EUR", "1257.50");

    ReportBundle bundle = bundle(api, reportId);
    Verification verification = new ReportVerifier(Consortium::twinLedger).verify(bundle);
    List<String> lines = verification.findings().stream().map(Finding::line).toList();
    assertThat(verification.failures()).as(lines.toString()).isEmpty();
    assertThat(lines)
        .anyMatch(l -> l.startsWith("figure line." + north + ".sales.2023-05: ok — 352.50 EUR"))
        .anyMatch(l -> l.startsWith("figure net-income." + north + ".2023-05: ok — 312.50 EUR"))
        .anyMatch(l -> l.startsWith("figure total." + north + ".fee: ok — 80.00 EUR"))
        .anyMatch(l -> l.startsWith("figure net-income." + north + ": ok — 977.50 EUR"))
        .anyMatch(l -> l.startsWith("figure line." + south + ".sales.2023-06: ok — 110.00 EUR"))
        .anyMatch(l -> l.startsWith("figure net-income." + south + ": ok — 280.00 EUR"))
        .anyMatch(l -> l.startsWith("figure portfolio.net-income.EUR.2023-05: ok — 507.50 EUR"))
        .anyMatch(l -> l.startsWith("figure portfolio.net-income.EUR.2023-06: ok — 750.00 EUR"))
        .anyMatch(l -> l.startsWith("figure portfolio.net-income.EUR: ok — 1257.50 EUR by sum"));

    JsonNode pnl =
        api.get("/api/v1/pnl/portfolio?period=MONTH&from=2023-05&to=2023-06", "auditor").json();
    assertThat(pnl.get("assets").toString()).isEqualTo("[\"" + north + "\",\"" + south + "\"]");
    assertThat(pnl.get("statements").get(0).get("totals").get("netResult").decimalValue())
        .isEqualByComparingTo(
            report.figure("portfolio.net-income.EUR.2023-05").orElseThrow().value());
    assertThat(pnl.get("statements").get(1).get("totals").get("netResult").decimalValue())
        .isEqualByComparingTo(
            report.figure("portfolio.net-income.EUR.2023-06").orElseThrow().value());

    Verification edited =
        new ReportVerifier(Consortium::twinLedger)
            .verify(withValue(bundle, "portfolio.net-income.EUR", "1257.51"));
    assertThat(edited.failures().stream().map(Finding::line))
        .anyMatch(
            l ->
                l.equals(
                    "figure portfolio.net-income.EUR: states 1257.51 EUR, its inputs give 1257.50"
                        + " by sum"))
        .anyMatch(
            l ->
                l.startsWith("report " + reportId + ": ")
                    && l.endsWith("the issuer's signature does not verify over it"));
  }

  @Test
  void anUnknownPortfolioMonthsWithoutAPnlAndWhatIsNotAskedRightAreRefused() {
    Api api = new Api(port, json);
    var unknown = issue(api, "fund-7", "1999-01-01", "1999-03-01");
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.json().get("type").asString()).endsWith("not-found");
    assertThat(unknown.json().get("detail").asString())
        .isEqualTo(
            "no portfolio fund-7; the portfolio is all-assets, every asset with a P&L in the"
                + " period");

    var noPnl = issue(api, "all-assets", "1999-01-01", "1999-03-01");
    assertThat(noPnl.status()).as(noPnl.body()).isEqualTo(422);
    assertThat(noPnl.json().get("type").asString()).endsWith("report-refused");
    assertThat(noPnl.json().get("detail").asString())
        .isEqualTo(
            "portfolio all-assets has no P&L from 1999-01 to 1999-02: no asset's model computes a"
                + " month of it");

    var days = issue(api, "all-assets", "1999-01-15", "1999-03-01");
    assertThat(days.status()).as(days.body()).isEqualTo(422);
    assertThat(days.json().get("detail").asString()).contains("whole months");

    var unnamed =
        api.post(
            "/api/v1/reports",
            "officer",
            "{\"type\": \"portfolio-pnl-statement\", \"from\": \"1999-01-01\", \"to\": \"1999-03-01\"}");
    assertThat(unnamed.status()).as(unnamed.body()).isEqualTo(400);
    assertThat(unnamed.body()).contains("portfolioId", "is required");

    var investor =
        api.post(
            "/api/v1/reports",
            "investor",
            "{\"type\": \"portfolio-pnl-statement\", \"portfolioId\": \"all-assets\","
                + " \"from\": \"1999-01-01\", \"to\": \"1999-03-01\"}");
    assertThat(investor.status()).isEqualTo(403);
    assertThat(api.get("/api/v1/reports?subject=fund-7", "officer").json()).isEmpty();
  }

  private static Api.Response issue(Api api, String portfolio, String from, String to) {
    return api.post(
        "/api/v1/reports",
        "officer",
        "{\"type\": \"portfolio-pnl-statement\", \"portfolioId\": \"%s\", \"from\": \"%s\", \"to\": \"%s\"}"
            .formatted(portfolio, from, to));
  }

  private static ReportBundle bundle(Api api, String reportId) throws Exception {
    var response = api.download("/api/v1/reports/" + reportId + "/bundle", "auditor");
    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
    return ReportBundleJson.read(response.body());
  }

  /** The bundle with one figure of its report stating another value, its signature as it was. */
  private static ReportBundle withValue(ReportBundle bundle, String figureId, String value) {
    Report r = bundle.report();
    List<Figure> figures =
        r.figures().stream()
            .map(
                f ->
                    f.id().equals(figureId)
                        ? new Figure(
                            f.id(),
                            f.label(),
                            value,
                            f.unit(),
                            f.formula(),
                            f.parameters(),
                            f.inputs())
                        : f)
            .toList();
    return new ReportBundle(
        new Report(
            r.id(),
            r.type(),
            r.title(),
            r.subject(),
            r.periodStart(),
            r.periodEnd(),
            r.issuer(),
            r.issuedAt(),
            r.replaces(),
            r.provenance(),
            figures,
            r.inputs(),
            r.statements()),
        bundle.signature(),
        bundle.issuance(),
        bundle.batches(),
        bundle.events(),
        bundle.proof(),
        bundle.anchored(),
        bundle.witnessed(),
        bundle.attestations(),
        bundle.market());
  }
}
