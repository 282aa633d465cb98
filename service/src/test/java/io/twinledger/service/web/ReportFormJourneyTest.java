package io.twinledger.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.Browser;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.ProvenDistrict;
import io.twinledger.service.support.ProvenPnl;
import io.twinledger.service.support.UiSession;
import io.twinledger.service.twin.KpiPeriodJob;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The officer's issue form for every kind of report, in a real browser, on a district whose March
 * and April 2025 have a P&amp;L (as in {@code PnlReportApiTest}): choosing a kind swaps in its
 * fields without leaving the page; an asset's P&amp;L statement sent without its asset is refused
 * beside the field, then issued, opened with its {@code pnl-line} figures and verified now; a
 * portfolio, an investor and a village month with nothing to report are refused above the form,
 * each in the page. Without JavaScript the kind is chosen by reloading the page with it; a forged
 * kind is a field error, not a stack trace; the fields are the officer's alone.
 */
@OnEmbeddedDb
class ReportFormJourneyTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;

  @Test
  void theOfficerIssuesEveryKindThroughOneFormAndIsRefusedInThePage() {
    Api api = new Api(port, json);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String asset = "dma-" + suffix;
    ProvenPnl.marchAndApril2025(
        api,
        new ProvenDistrict(api, periods::closeDuePeriods, audit::checkpoint),
        asset,
        "sales-" + suffix);
    String reportId = asset + ".2025-03-01.2025-05-01";

    try (Browser browser = Browser.open(port)) {
      browser.signIn("officer", "officer");
      browser.follow(() -> browser.navigate("Reports"));
      assertThat(browser.findAll("#bondId")).as("a bond's report by default").hasSize(1);

      choose(browser, "pnl-statement", "#assetId");
      assertThat(browser.path()).as("swapped in, not a new page").isEqualTo("/ui/reports");
      assertThat(browser.findAll("#bondId")).isEmpty();
      assertThat(browser.find("#from-hint").getText())
          .isEqualTo("The first day of the first month.");
      browser.assertAccessible();

      send(browser, Map.of("from", "2025-03-01", "to", "2025-05-01"));
      assertThat(browser.find("#assetId-errors").getText()).isEqualTo("is required");
      assertThat(browser.find("#assetId").getAttribute("aria-invalid")).isEqualTo("true");
      assertThat(new Select(browser.find("#type")).getFirstSelectedOption().getAttribute("value"))
          .as("the form stays on the kind sent")
          .isEqualTo("pnl-statement");
      browser.assertAccessible();

      new Select(browser.find("#assetId")).selectByValue(asset);
      send(browser, Map.of("from", "2025-03-01", "to", "2025-05-01"));
      assertThat(browser.path()).isEqualTo("/ui/reports/" + reportId);
      assertThat(browser.text()).contains("Issued " + reportId, "AWAITING_ATTESTATION");
      assertThat(browser.find("#standing").getText()).contains("pnl-statement", asset);
      assertThat(browser.find("#figures").getText())
          .contains("line.sales.2025-03", "pnl-line", "net-income");
      browser.find("#verify-now").click();
      browser.waitFor(d -> !d.findElements(By.id("verdict")).isEmpty());
      assertThat(browser.find("#verdict").getText()).startsWith("verdict: VERIFIED");
      browser.assertAccessible();

      browser.follow(() -> browser.navigate("Reports"));
      choose(browser, "portfolio-pnl-statement", "#portfolioId");
      send(browser, Map.of("from", "1999-01-01", "to", "1999-03-01"));
      assertThat(browser.find("#issue-errors").getText())
          .contains("portfolio all-assets has no P&L from 1999-01 to 1999-02");
      browser.assertAccessible();

      choose(browser, "investor-statement", "#holder");
      assertThat(browser.findAll("#replaces"))
          .as("an investor statement is not replaced")
          .isEmpty();
      browser.find("#holder").sendKeys("nobody-" + suffix);
      send(browser, Map.of("from", "1999-01-01", "to", "1999-03-01"));
      assertThat(browser.find("#issue-errors").getText())
          .contains("holder nobody-" + suffix + " was paid nothing");

      choose(browser, "community-energy", "#month");
      assertThat(browser.findAll("#from")).as("a village report is of one month").isEmpty();
      send(browser, Map.of("month", "1999-01"));
      assertThat(browser.find("#issue-errors").getText()).contains("market");
      browser.assertAccessible();
    }
    assertThat(api.get("/api/v1/reports", "officer").json().toString())
        .as("only the P&L statement was issued")
        .contains(reportId)
        .doesNotContain("nobody-" + suffix, "all-assets.1999", "village.1999");

    UiSession officer = new UiSession(port);
    officer.signIn("officer");
    String village = officer.get("/ui/reports?type=community-energy").body();
    assertThat(village)
        .contains("<option value=\"community-energy\" selected", "id=\"month\"")
        .doesNotContain("id=\"from\"");
    UiSession.Page forged =
        officer.post(
            "/ui/reports",
            Map.of("type", "p-and-l", "assetId", asset, "from", "2025-03-01", "to", "2025-05-01"));
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.body()).contains("id=\"type-errors\"", "must be pnl-statement");
    UiSession investor = new UiSession(port);
    investor.signIn("investor");
    assertThat(investor.get("/ui/reports/issue-fields?type=pnl-statement").status()).isEqualTo(403);
  }

  /** Chooses the kind of report and waits until its field {@code css} is swapped in. */
  private static void choose(Browser browser, String type, String css) {
    new Select(browser.find("#type")).selectByValue(type);
    browser.waitFor(d -> !d.findElements(By.cssSelector(css)).isEmpty());
  }

  /** Sets the fields (dates and months as the browser's pickers would) and sends the form. */
  private static void send(Browser browser, Map<String, String> fields) {
    for (var field : fields.entrySet()) {
      WebElement input = browser.find("#" + field.getKey());
      browser.driver().executeScript("arguments[0].value = arguments[1];", input, field.getValue());
    }
    browser.follow(() -> browser.find("#issue button[type=submit]").click());
  }
}
