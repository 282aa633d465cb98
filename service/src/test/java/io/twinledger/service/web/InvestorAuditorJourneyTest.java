package io.twinledger.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.cli.CliAccess;
import io.twinledger.service.demo.SampleCity;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.Browser;
import io.twinledger.service.support.MonthlyPeriods;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.ProvenDistrict;
import io.twinledger.service.support.UiSession;
import io.twinledger.service.twin.KpiPeriodJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The investor's and the auditor's journeys in a real browser, on a district whose March and April
 * 2025 are closed from imported readings and anchored: the investor sees each month against the
 * threshold and follows a "proven" badge to its proof; the auditor walks a period from its batches
 * down to the anchoring block, downloads the bundle and verifies it offline, and reads the
 * integrity check. Every page is checked with axe-core; the performance page is read on a phone.
 */
@OnEmbeddedDb
class InvestorAuditorJourneyTest {

  private static final String KPI = "system-input-volume";
  private static final ZoneId ZONE = ZoneId.of(SampleCity.TIME_ZONE);

  /** March 2025's start in the district's zone, as the explorer's {@code start} names it. */
  private static final String MARCH =
      YearMonth.of(2025, 3).atDay(1).atStartOfDay(ZONE).toInstant().toString();

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;
  @Autowired CommandGateway commands;
  @TempDir Path dir;

  private Api api;
  private String asset;

  /**
   * A district with a target of at most 200 m³ a month: March's 150 m³ meets it, April's 300 m³
   * misses it. Both months are closed from imported readings, and a checkpoint covering their batch
   * is anchored. February is recorded with a batch digest the reading store does not hold: its
   * value has no evidence, and it is never proven.
   */
  @BeforeEach
  void twoClosedAnchoredMonths() {
    api = new Api(port, json);
    asset = "dma-" + UUID.randomUUID().toString().substring(0, 8);
    ProvenDistrict district = new ProvenDistrict(api, periods::closeDuePeriods, audit::checkpoint);
    district.register(
        asset,
        KPI,
        "[{\"name\": \"target\", \"value\": 200}]",
        2,
        "2025-03-04T08:00:00Z,100",
        "2025-03-20T08:00:00Z,50",
        "2025-04-10T08:00:00Z,300");
    commands.sendAndWait(
        MonthlyPeriods.closed(
            asset, KPI, YearMonth.of(2025, 2), 1, new BigDecimal("180"), "MTQ", "ab".repeat(32)));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                api.get(
                            "/api/v1/assets/" + asset + "/kpis/" + KPI + "/periods?kind=MONTH",
                            "auditor")
                        .json()
                        .size()
                    == 3);
    audit.checkpoint();
  }

  @Test
  void theInvestorSeesEachMonthAgainstItsThresholdAndOpensTheProofOfAProvenOne() {
    try (Browser browser = Browser.open(port)) {
      browser.signIn("investor", "investor");
      assertThat(browser.path()).isEqualTo("/ui/performance");
      assertThat(browser.find("h1").getText()).isEqualTo("Performance");
      WebElement table = browser.find("table#months-" + asset + "-" + KPI);
      List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
      assertThat(rows)
          .extracting(r -> r.findElement(By.tagName("th")).getText())
          .containsExactly("February 2025", "March 2025", "April 2025");
      assertThat(rows.get(0).getText())
          .contains("180 m³")
          .contains("met")
          .contains("not proven yet");
      assertThat(rows.get(1).getText()).contains("150 m³").contains("met").doesNotContain("missed");
      assertThat(rows.get(2).getText()).contains("300 m³").contains("missed");
      assertThat(rows.get(1).findElement(By.tagName("data")).getAttribute("value"))
          .isEqualTo("150");
      assertThat(browser.text()).contains("What “proven” means").contains("anchored on the ledger");
      assertThat(browser.findAll("figure.chart[data-table='months-" + asset + "-" + KPI + "']"))
          .hasSize(1);
      List<WebElement> proven =
          browser.findAll("table#months-" + asset + "-" + KPI + " a.badge.proven");
      assertThat(proven).as("March and April are anchored, February has no evidence").hasSize(2);
      assertThat(rows.get(0).findElements(By.cssSelector("a.badge"))).isEmpty();
      browser.assertAccessible().screenshot("investor-performance");

      proven.getFirst().click();
      browser.waitFor(d -> d.getCurrentUrl().contains("/ui/evidence/proof"));
      assertThat(browser.find("#period-heading").getText())
          .isEqualTo(KPI + " of Proven district " + asset + ", March 2025");
      assertThat(browser.text())
          .contains("verdict: VERIFIED")
          .contains("2. Audit leaves and inclusion proofs")
          .contains("4. Anchoring block on the ledger");
      assertThat(browser.findAll("#download")).as("the bundle is for the auditor").isEmpty();
      assertThat(browser.text()).doesNotContain("evidence explorer");
      browser.assertAccessible();
      browser.signOut();
    }
  }

  @Test
  void theInvestorReadsThePerformanceOnAPhoneWithoutScrollingSideways() {
    try (Browser browser = Browser.open(port, 390, 844)) {
      browser.signIn("investor", "investor");
      assertThat(browser.path()).isEqualTo("/ui/performance");
      browser.waitFor(d -> !d.findElements(By.cssSelector("figure.chart canvas")).isEmpty());
      long overflow =
          (Long)
              browser
                  .driver()
                  .executeScript(
                      "return document.documentElement.scrollWidth"
                          + " - document.documentElement.clientWidth;");
      assertThat(overflow).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
      browser.assertAccessible().screenshot("investor-performance-phone");
      browser.signOut();
    }
  }

  @Test
  void theAuditorWalksAPeriodDownToItsBlockDownloadsItsBundleAndChecksTheLog() throws Exception {
    try (Browser browser = Browser.open(port)) {
      browser.signIn("auditor", "auditor");
      assertThat(browser.path()).as("the auditor's home").isEqualTo("/ui/reports/queue");
      browser.follow(() -> browser.navigate("Evidence"));
      assertThat(browser.path()).isEqualTo("/ui/evidence");
      browser.assertAccessible();
      new Select(browser.find("#asset")).selectByValue(asset);
      browser.find("main form button[type=submit]").click();
      browser.waitFor(d -> d.getCurrentUrl().contains("asset=" + asset));
      new Select(browser.find("#kpi")).selectByValue(KPI);
      new Select(browser.find("#kind")).selectByValue("MONTH");
      browser.find("main form button[type=submit]").click();
      browser.waitFor(d -> !d.findElements(By.id("start")).isEmpty());
      Select start = new Select(browser.find("#start"));
      assertThat(start.getOptions())
          .extracting(WebElement::getText)
          .containsExactly(
              "April 2025 (revision 1)", "March 2025 (revision 1)", "February 2025 (revision 1)");
      start.selectByValue(MARCH);
      browser.find("main form button[type=submit]").click();
      browser.waitFor(d -> !d.findElements(By.id("period")).isEmpty());
      assertThat(browser.path()).contains("start=" + MARCH.replace(":", "%3A"));

      // period → its batches (digests) → their leaves → the proof → the checkpoint → the block
      assertThat(browser.find("#period").getText())
          .contains("150 m³")
          .contains("verdict: VERIFIED");
      WebElement batch = browser.find("#batches tbody tr");
      assertThat(batch.findElement(By.cssSelector("code.hash")).getText()).matches("[0-9a-f]{64}");
      assertThat(batch.getText()).contains("ok");
      WebElement leafLink = batch.findElement(By.cssSelector("a[href^='#leaf-']"));
      String leaf = leafLink.getAttribute("href").replaceAll(".*#", "");
      leafLink.click();
      browser.waitFor(d -> d.getCurrentUrl().endsWith("#" + leaf));
      WebElement leafStep = browser.find("#" + leaf);
      assertThat(leafStep.getText())
          .contains("Inclusion proof")
          .contains("ok — 3 readings digest to");
      assertThat(leafStep.findElement(By.cssSelector("dd code.hash")).getText())
          .matches("[0-9a-f]{64}");
      leafStep.findElement(By.linkText("the checkpoint's root")).click();
      browser.waitFor(d -> d.getCurrentUrl().endsWith("#checkpoint"));
      WebElement checkpoint = browser.find("#checkpoint");
      assertThat(checkpoint.getText())
          .contains("Tree size")
          .contains("Signature")
          .containsPattern("ok — signature ok; signer .* chains to the CA of CityFinanceMSP");
      checkpoint.findElement(By.cssSelector("a[href='#block']")).click();
      browser.waitFor(d -> d.getCurrentUrl().endsWith("#block"));
      String block = browser.find("#block").getText();
      assertThat(block)
          .containsPattern("Block\\s+\\d+")
          .containsPattern("Time\\s+\\S.* \\(" + SampleCity.TIME_ZONE + "\\)")
          .containsPattern("Transaction\\s+[0-9a-f]{64}")
          .doesNotContain("not in the block")
          .contains("ok — data hash ok; header chain links back")
          .contains("ok — VALID in block");
      browser.assertAccessible().screenshot("auditor-evidence");

      // The download: the API's bundle as a file, checked offline with the command shown.
      WebElement download = browser.find("#download");
      String fileName = download.getAttribute("download");
      assertThat(fileName)
          .isEqualTo(
              "evidence-" + asset + "-" + KPI + "-MONTH-" + MARCH.replace(":", "") + ".json");
      assertThat(browser.find("#period pre").getText())
          .isEqualTo("./twinledger verify " + fileName);
      UiSession session = new UiSession(port);
      session.signIn("auditor");
      UiSession.Download file =
          session.download(download.getAttribute("href").replaceFirst("^https?://[^/]+", ""));
      assertThat(file.status()).isEqualTo(200);
      assertThat(file.contentType()).startsWith("application/json");
      assertThat(file.disposition()).isEqualTo("attachment; filename=\"" + fileName + "\"");
      Path saved = Files.write(dir.resolve(fileName), file.body());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int code =
          CliAccess.verify(
              saved,
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      String verified = out.toString(StandardCharsets.UTF_8);
      assertThat(code).as(verified).isZero();
      assertThat(verified.lines().toList().getLast()).startsWith("verdict: VERIFIED");
      var fromApi =
          api.get(
              "/api/v1/evidence/kpi-periods?assetId="
                  + asset
                  + "&kpiId="
                  + KPI
                  + "&kind=MONTH&start="
                  + MARCH,
              "auditor");
      assertThat(withoutExportTime(json.readTree(file.body())))
          .as("the API's bundle")
          .isEqualTo(withoutExportTime(fromApi.json()));

      browser.find("main").findElement(By.linkText("Integrity of the whole audit log")).click();
      browser.waitFor(d -> d.getCurrentUrl().endsWith("/ui/audit/integrity"));
      assertThat(browser.find("h1").getText()).isEqualTo("Audit log integrity");
      assertThat(browser.text())
          .containsPattern("Intact: the stored log \\S+ of [\\d,]+ leaves matches")
          .contains("No integrity alarm has been raised")
          .contains("Latest checkpoint");
      browser.assertAccessible().screenshot("auditor-integrity");
      browser.signOut();
    }
  }

  @Test
  void
      badInputInTheExplorerIsShownAtItsFieldAnUnknownPeriodIsNotFoundAndAnUnprovenOneUnavailable() {
    UiSession auditor = new UiSession(port);
    auditor.signIn("auditor");
    UiSession.Page badKind =
        auditor.get("/ui/evidence?asset=" + asset + "&kpi=" + KPI + "&kind=WEEK");
    assertThat(badKind.status()).isEqualTo(400);
    assertThat(badKind.body())
        .contains("id=\"kind-error\"")
        .contains("must be one of HOUR, DAY, MONTH, QUARTER")
        .containsPattern(
            "id=\"kind\" name=\"kind\" aria-invalid=\"true\" aria-describedby=\"kind-error\"");
    UiSession.Page badStart =
        auditor.get("/ui/evidence?asset=" + asset + "&kpi=" + KPI + "&kind=MONTH&start=last-march");
    assertThat(badStart.status()).isEqualTo(400);
    assertThat(badStart.body()).contains("must be an ISO-8601 instant");
    UiSession.Page unknown =
        auditor.get(
            "/ui/evidence?asset="
                + asset
                + "&kpi="
                + KPI
                + "&kind=MONTH&start=2024-01-01T00:00:00Z");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("no closed " + asset);
    String february = YearMonth.of(2025, 2).atDay(1).atStartOfDay(ZONE).toInstant().toString();
    UiSession.Page unproven =
        auditor.get(
            "/ui/evidence?asset=" + asset + "&kpi=" + KPI + "&kind=MONTH&start=" + february);
    assertThat(unproven.status()).as("a month without evidence").isEqualTo(409);
    assertThat(unproven.body())
        .contains("the reading store holds no batch with digest " + "ab".repeat(32));
    assertThat(auditor.download("/ui/evidence/bundle?asset=" + asset + "&kind=MONTH").status())
        .as("a download without its KPI")
        .isEqualTo(400);
  }

  @Test
  void aResidentIsRefusedThesePagesAndTheDownloadAndTheInvestorTheBundle() {
    String period = "?asset=" + asset + "&kpi=" + KPI + "&kind=MONTH&start=" + MARCH;
    UiSession resident = new UiSession(port);
    resident.signIn("resident");
    for (String path :
        List.of(
            "/ui/performance",
            "/ui/evidence" + period,
            "/ui/evidence/proof" + period,
            "/ui/audit/integrity")) {
      assertThat(resident.get(path).status()).as(path).isEqualTo(403);
    }
    UiSession.Download refused = resident.download("/ui/evidence/bundle" + period);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.disposition()).isEmpty();

    UiSession investor = new UiSession(port);
    investor.signIn("investor");
    assertThat(investor.get("/ui/evidence/proof" + period).status()).isEqualTo(200);
    assertThat(investor.download("/ui/evidence/bundle" + period).status()).isEqualTo(403);
    assertThat(investor.get("/ui/evidence" + period).status()).isEqualTo(403);

    UiSession anonymous = new UiSession(port);
    UiSession.Download signInFirst = anonymous.download("/ui/evidence/bundle" + period);
    assertThat(signInFirst.status()).isEqualTo(302);
  }

  private static JsonNode withoutExportTime(JsonNode bundle) {
    ObjectNode copy = ((ObjectNode) bundle).deepCopy();
    copy.remove("exportedAt");
    return copy;
  }
}
