package io.twinledger.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.report.ReportBundleJson;
import io.twinledger.reporting.report.ReportVerifier;
import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.bond.BondJobs;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.Browser;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.ProvenBond;
import io.twinledger.service.support.ProvenDistrict;
import io.twinledger.service.support.UiSession;
import io.twinledger.service.twin.KpiPeriodJob;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compliance report pages in a real browser, on a bond whose March and April 2025 are proven
 * (as in {@code ReportApiTest}): the officer is refused an unproven period and backwards dates at
 * the form, then issues the report and finds it listed; the auditor finds it in the queue, runs
 * Verify now and sees every figure pass, is refused a qualified opinion without comments, then
 * approves, and the report's page says APPROVED. Around it, what each role may not do: an investor
 * reads the reports but gets no issue form and is refused the post, an officer is refused the queue
 * and the attestation, an unknown report is the 404 page.
 */
@OnEmbeddedDb
class ReportJourneyTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;
  @Autowired BondJobs jobs;

  private Api api;
  private String bond;

  @BeforeEach
  void bondOnProvenMonths() {
    api = new Api(port, json);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String asset = "dma-" + suffix;
    bond = "bond-" + suffix;
    ProvenBond.define(
        api,
        new ProvenDistrict(api, periods::closeDuePeriods, audit::checkpoint),
        asset,
        bond,
        jobs::runDue);
  }

  @Test
  void officerIssuesAuditorVerifiesQualifiesWithoutCommentsIsRefusedThenApproves()
      throws Exception {
    String reportId = bond + ".2025-03-01.2025-05-01";
    try (Browser browser = Browser.open(port)) {
      browser.signIn("officer", "officer");
      browser.follow(() -> browser.navigate("Reports"));
      assertThat(browser.path()).isEqualTo("/ui/reports");
      browser.assertAccessible();

      issue(browser, "2026-01-01", "2026-03-01");
      assertThat(browser.find("#issue-errors").getText()).contains("not proven");
      issue(browser, "2025-05-01", "2025-03-01");
      assertThat(browser.find("#to-errors").getText()).contains("must be after from");
      assertThat(browser.find("#to").getAttribute("aria-invalid")).isEqualTo("true");
      browser.assertAccessible();
      assertThat(api.get("/api/v1/reports?subject=" + bond, "officer").json())
          .as("a refused form issues nothing")
          .isEmpty();

      issue(browser, "2025-03-01", "2025-05-01");
      assertThat(browser.path()).isEqualTo("/ui/reports/" + reportId);
      assertThat(browser.text()).contains("Issued " + reportId, "AWAITING_ATTESTATION");
      assertThat(browser.find("#figures").getText()).contains("kpi-period", "bond-payment");
      assertThat(browser.find("#sha256").getText()).matches("[0-9a-f]{64}");
      assertThat(browser.find("figure.chart[data-table='kpi-months']")).isNotNull();
      browser.assertAccessible();
      browser.follow(() -> browser.navigate("Reports"));
      assertThat(browser.find("#reports").getText()).contains(reportId, "AWAITING_ATTESTATION");
      browser.signOut();

      forbidden(reportId);

      browser.signIn("auditor", "auditor");
      assertThat(browser.path()).as("the auditor's home").isEqualTo("/ui/reports/queue");
      assertThat(browser.text()).contains(reportId);
      browser.assertAccessible();
      browser.follow(() -> browser.find("main a[href='/ui/reports/" + reportId + "']").click());
      WebElement figure = browser.find("#figures tbody tr details");
      figure.findElement(By.tagName("summary")).click();
      assertThat(figure.getText()).contains("leaf", "/api/v1/audit/leaves?index=");
      int figures = browser.findAll("#figures tbody tr").size();

      browser.find("#verify-now").click();
      browser.waitFor(d -> !d.findElements(By.id("verdict")).isEmpty());
      assertThat(browser.path())
          .as("swapped in, not a new page")
          .isEqualTo("/ui/reports/" + reportId);
      assertThat(browser.find("#verdict").getText()).startsWith("verdict: VERIFIED");
      List<WebElement> checked = browser.findAll("#figure-checks tbody tr");
      assertThat(checked).hasSize(figures);
      assertThat(checked)
          .allSatisfy(r -> assertThat(r.getDomAttribute("data-outcome")).isEqualTo("OK"));
      assertThat(browser.find("#item-checks").getText()).contains("issuance", "proof");
      assertThat(browser.find("#verify-commands").getText())
          .contains(
              "curl -u auditor http://localhost:"
                  + port
                  + "/api/v1/reports/"
                  + reportId
                  + "/bundle"
                  + " -o report.json",
              "./twinledger verify-report report.json");
      browser.assertAccessible();

      browser.follow(() -> browser.navigate("Attestations"));
      String form = "form[action='/ui/reports/" + reportId + "/attest']";
      browser.follow(() -> browser.find(form + " button[value=QUALIFIED]").click());
      assertThat(browser.find("[id='comments-" + reportId + "-errors']").getText())
          .contains("a qualified opinion says why");
      assertThat(browser.find("[id='comments-" + reportId + "']").getAttribute("aria-invalid"))
          .isEqualTo("true");
      browser.assertAccessible();
      browser.find("[id='comments-" + reportId + "']").sendKeys("Re-computed offline.");
      browser.follow(() -> browser.find(form + " button[value=APPROVED]").click());
      assertThat(browser.text()).contains("APPROVED: " + reportId);
      assertThat(browser.findAll(form)).as("it left the queue").isEmpty();

      browser.go("/ui/reports/" + reportId);
      assertThat(browser.find("#standing-heading").getText()).contains("APPROVED");
      assertThat(browser.find("#attestations").getText())
          .contains("APPROVED", "Re-computed offline.", "auditor");
      browser.assertAccessible();
    }

    UiSession auditor = new UiSession(port);
    auditor.signIn("auditor");
    assertThat(auditor.get("/ui/reports/" + reportId + "?verify=now").body())
        .as("Verify now without JavaScript")
        .contains("verdict: VERIFIED");
    UiSession.Download pdf = auditor.download("/ui/reports/" + reportId + "/file?format=pdf");
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.contentType()).startsWith("application/pdf");
    UiSession.Download bundle = auditor.download("/ui/reports/" + reportId + "/bundle");
    assertThat(bundle.status()).isEqualTo(200);
    assertThat(
            new ReportVerifier(Consortium::twinLedger)
                .verify(ReportBundleJson.read(bundle.body()))
                .passed())
        .isTrue();
  }

  /** What the investor, the officer and the trustee may not do on an issued report. */
  private void forbidden(String reportId) {
    Map<String, String> form = Map.of("bondId", bond, "from", "2025-03-01", "to", "2025-05-01");
    UiSession investor = new UiSession(port);
    investor.signIn("investor");
    UiSession.Page list = investor.get("/ui/reports");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains(reportId).doesNotContain("id=\"issue\"");
    assertThat(investor.post("/ui/reports", form).status()).isEqualTo(403);
    assertThat(investor.get("/ui/reports/queue").status()).isEqualTo(403);

    UiSession officer = new UiSession(port);
    officer.signIn("officer");
    officer.get("/ui/reports/" + reportId);
    assertThat(officer.get("/ui/reports/queue").status()).isEqualTo(403);
    assertThat(
            officer
                .post("/ui/reports/" + reportId + "/attest", Map.of("verdict", "APPROVED"))
                .status())
        .isEqualTo(403);
    UiSession.Page unknown = officer.get("/ui/reports/no-such-report");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("no report no-such-report");

    UiSession trustee = new UiSession(port);
    trustee.signIn("trustee");
    trustee.get("/ui/reports");
    assertThat(trustee.post("/ui/reports", form).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/reports?subject=" + bond, "officer").json())
        .as("only the officer's report")
        .hasSize(1);
    assertThat(
            api.get("/api/v1/reports/" + reportId + "/summary", "auditor")
                .json()
                .get("status")
                .asString())
        .isEqualTo("AWAITING_ATTESTATION");
  }

  /** Fills the officer's issue form with this bond and the dates, and sends it. */
  private void issue(Browser browser, String from, String to) {
    new Select(browser.find("#bondId")).selectByValue(bond);
    for (var field : Map.of("from", from, "to", to).entrySet()) {
      browser
          .driver()
          .executeScript(
              "arguments[0].value = arguments[1];",
              browser.find("#" + field.getKey()),
              field.getValue());
    }
    browser.follow(() -> browser.find("#issue button[type=submit]").click());
  }
}
