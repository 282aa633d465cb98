package io.twinledger.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.finance.model.ModelDefinitions;
import io.twinledger.finance.model.Templates;
import io.twinledger.ledger.model.KpiCatalogs;
import io.twinledger.ledger.model.projection.Models;
import io.twinledger.ledger.pnl.projection.PnlObservations;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.Browser;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.UiSession;
import io.twinledger.service.support.WaterHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The finance officer's model, valuation and risk pages in a real browser, and what an investor and
 * an auditor may do there. Each test gets its own water district with two years of monthly KPI
 * periods recorded through the ledger; models are written through the pages under test.
 */
@OnEmbeddedDb
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelRiskJourneyTest {

  private static final Pattern JOB = Pattern.compile("/ui/risk/([0-9a-f-]{36})$");

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired CommandGateway commands;
  @Autowired KpiCatalogs catalogs;
  @Autowired PnlObservations observations;
  @Autowired Models models;

  Api api;

  @BeforeAll
  void connect() {
    api = new Api(port, json);
  }

  @Test
  void theOfficerWritesAModelSeesItsDiffValuesItAndRunsItsRisk() {
    String asset = waterDistrict("dma-ui");
    String modelId = "nrw-" + asset;
    String template = ModelDefinitions.toYaml(Templates.load("water-nrw"));
    String good = template.replace("water-nrw", modelId);
    assertThat(good).as("the template's id is replaced").contains(modelId);
    String mistaken = good.replace("kpi('real-losses')", "kpi('real-loses')");
    assertThat(mistaken).isNotEqualTo(good);

    try (Browser browser = Browser.open(port)) {
      browser.signIn("officer", "officer");
      follow(browser, () -> browser.navigate("Models"));
      assertThat(browser.find("h1").getText()).isEqualTo("Models");
      browser.assertAccessible();

      follow(
          browser,
          () -> browser.driver().findElement(By.linkText("From the water-nrw template")).click());
      assertThat(browser.path()).isEqualTo("/ui/models/new?template=water-nrw");
      assertThat(browser.find("#definition").getDomProperty("value")).contains("water-nrw");
      browser.assertAccessible();
      browser.find("#assets").sendKeys(asset);
      setDefinition(browser, mistaken);
      submit(browser, "button[value=save]");

      // The mistake is shown next to the definition, with the YAML line it refers to.
      WebElement problems = browser.find("#definition-errors");
      assertThat(problems.getText()).contains("real-loses").contains("Line ").contains("formula");
      assertThat(browser.find("#definition").getDomAttribute("aria-invalid")).isEqualTo("true");
      assertThat(browser.find("#definition").getDomAttribute("aria-describedby"))
          .isEqualTo("definition-errors");
      assertThat(browser.text()).contains("Nothing was saved");
      assertThat(models.find(modelId)).as("nothing saved").isEmpty();
      browser.assertAccessible().screenshot("officer-model-editor");

      setDefinition(browser, good);
      submit(browser, "button[value=check]");
      assertThat(browser.text()).contains("Check passed");
      assertThat(browser.text()).contains("recovered-revenue").contains(asset);
      assertThat(models.find(modelId)).as("a check saves nothing").isEmpty();
      browser.assertAccessible();

      submit(browser, "button[value=save]");
      assertThat(browser.path()).isEqualTo("/ui/models/" + modelId);
      assertThat(browser.text()).contains("Version 1 saved").contains(asset);
      assertThat(models.versions(modelId)).hasSize(1);
      browser.assertAccessible();

      // A new version needs a reason: without one nothing is saved.
      follow(
          browser,
          () -> browser.driver().findElement(By.linkText("Edit: write a new version")).click());
      setDefinition(
          browser, browser.find("#definition").getDomProperty("value").replace("2.35", "2.50"));
      submit(browser, "button[value=save]");
      assertThat(browser.text()).contains("say why");
      assertThat(browser.find("#reason-errors").getText()).contains("say why");
      assertThat(browser.find("#reason").getDomAttribute("aria-invalid")).isEqualTo("true");
      assertThat(models.versions(modelId)).as("nothing saved").hasSize(1);
      browser.assertAccessible();
      browser.find("#reason").sendKeys("tariff 2026");
      submit(browser, "button[value=save]");
      assertThat(browser.text()).contains("Version 2 saved").contains("tariff 2026");
      assertThat(models.versions(modelId)).hasSize(2);

      follow(browser, () -> browser.driver().findElement(By.linkText("Diff 1 → 2")).click());
      assertThat(browser.find("h1").getText()).isEqualTo(modelId + ": version 1 → 2");
      assertThat(browser.findAll("tr.diff-removed").stream().map(WebElement::getText))
          .anyMatch(line -> line.contains("value: 2.35"));
      assertThat(browser.findAll("tr.diff-added").stream().map(WebElement::getText))
          .anyMatch(line -> line.contains("value: 2.50"))
          .noneMatch(line -> line.contains("recovered-revenue"));
      assertThat(browser.find("#diff-summary").getText()).startsWith("Lines added: ");
      browser.assertAccessible().screenshot("officer-model-diff");

      follow(browser, () -> browser.navigate("Valuation"));
      assertThat(browser.find("h1").getText()).isEqualTo("Valuation");
      browser.assertAccessible();
      new Select(browser.find("#assetId")).selectByValue(asset);
      browser.find("#discountRate").clear();
      browser.find("#discountRate").sendKeys("12");
      submit(browser, "form.form-grid button[type=submit]");
      assertThat(browser.find("#discountRate-errors").getText()).contains("at most 10");
      assertThat(browser.find("#discountRate").getDomAttribute("aria-invalid")).isEqualTo("true");
      browser.assertAccessible();
      browser.find("#discountRate").clear();
      browser.find("#discountRate").sendKeys("0.06");
      submit(browser, "form.form-grid button[type=submit]");
      assertThat(browser.find("#npv").getText()).contains("€");
      assertThat(browser.find("#npv").getDomAttribute("value")).matches("-?\\d+\\.\\d{2}");
      assertThat(browser.text()).contains(modelId + " version 2").contains("Tornado");
      browser.assertAccessible();
      scrollTo(browser, "#result");
      browser.screenshot("officer-valuation");

      follow(browser, () -> browser.navigate("Risk"));
      assertThat(browser.find("h1").getText()).isEqualTo("Risk");
      browser.assertAccessible();
      new Select(browser.find("#assetId")).selectByValue(asset);
      browser.find("#paths").clear();
      browser.find("#paths").sendKeys("100000");
      browser.find("#years").clear();
      browser.find("#years").sendKeys("30");
      browser.driver().findElement(By.id("thresholds[0].kpi")).sendKeys("nrw-percent");
      new Select(browser.driver().findElement(By.id("thresholds[0].direction")))
          .selectByValue("ABOVE");
      browser.driver().findElement(By.id("thresholds[0].level")).sendKeys("25");
      submit(browser, "form.form-grid button[type=submit]");
      assertThat(browser.path()).matches("/ui/risk/[0-9a-f-]{36}");
      String jobPath = browser.path();
      assertThat(browser.find("progress#job-progress").getDomAttribute("max")).isEqualTo("100000");
      browser.assertAccessible();
      // htmx polls the status while the job runs; the histogram arrives without a reload.
      new WebDriverWait(browser.driver(), Duration.ofSeconds(180))
          .until(d -> !d.findElements(By.id("npv-histogram")).isEmpty());
      assertThat(browser.path()).isEqualTo(jobPath);
      assertThat(browser.find("#job-status").getText()).contains("Status: completed");
      assertThat(browser.findAll("#npv-histogram tbody tr")).isNotEmpty();
      assertThat(browser.text()).contains("Value at risk (95 %)").contains("P50");
      assertThat(browser.find("#thresholds-title + .table-wrap").getText())
          .contains("nrw-percent")
          .contains("above 25 %");
      assertThat(browser.find("#npv-mean").getText()).contains("€");
      browser.assertAccessible();
      scrollTo(browser, "#npv-title");
      browser.screenshot("officer-risk");
      browser.signOut();
    }
  }

  @Test
  void anInvestorValuesAndSimulatesButMayNotWriteAModel() {
    String asset = waterDistrict("dma-inv");
    String modelId = defineModel(asset);
    UiSession investor = new UiSession(port);
    investor.signIn("investor");

    UiSession.Page valued = investor.get("/ui/valuation?assetId=" + asset + "&discountRate=0.06");
    assertThat(valued.status()).isEqualTo(200);
    assertThat(valued.body()).contains("Net present value").contains("id=\"npv\"");

    UiSession.Page started =
        investor.post(
            "/ui/risk",
            Map.of("assetId", asset, "paths", "2000", "years", "5", "discountRate", "0.05"));
    assertThat(started.status()).as(started.body()).isEqualTo(302);
    Matcher job = JOB.matcher(started.location());
    assertThat(job.find()).as(started.location()).isTrue();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> investor.get("/ui/risk/" + job.group(1) + "/progress").body(),
            body -> body.contains("npv-histogram"));

    String definition =
        ModelDefinitions.toYaml(Templates.load("water-nrw")).replace("water-nrw", "inv-" + asset);
    investor.get("/ui/models");
    UiSession.Page define =
        investor.post(
            "/ui/models/new", Map.of("definition", definition, "assets", asset, "action", "save"));
    assertThat(define.status()).isEqualTo(403);
    assertThat(models.find("inv-" + asset)).isEmpty();
    UiSession.Page revise =
        investor.post(
            "/ui/models/" + modelId + "/edit",
            Map.of(
                "definition", definition.replace("inv-" + asset, modelId),
                "assets", asset,
                "reason", "investor edit",
                "expectedVersion", "1",
                "action", "save"));
    assertThat(revise.status()).isEqualTo(403);
    assertThat(models.versions(modelId)).hasSize(1);
    assertThat(investor.get("/ui/models/new").status()).isEqualTo(403);
    assertThat(investor.get("/ui/models/" + modelId).status()).isEqualTo(200);

    // On a phone the investor reads the valuation and the simulation without sideways scrolling.
    try (Browser phone = Browser.open(port, 390, 844)) {
      phone.signIn("investor", "investor");
      phone.go("/ui/valuation?assetId=" + asset + "&discountRate=0.06");
      assertThat(phone.find("#npv").getText()).contains("€");
      assertThat(sidewaysScroll(phone)).isLessThanOrEqualTo(0);
      phone.assertAccessible();
      phone.go("/ui/risk/" + job.group(1));
      assertThat(phone.findAll("#npv-histogram tbody tr")).isNotEmpty();
      assertThat(sidewaysScroll(phone)).isLessThanOrEqualTo(0);
      phone.assertAccessible().screenshot("investor-risk-phone");
      phone.signOut();
    }
  }

  private static long sidewaysScroll(Browser browser) {
    return (Long)
        browser
            .driver()
            .executeScript(
                "return document.documentElement.scrollWidth"
                    + " - document.documentElement.clientWidth;");
  }

  @Test
  void anAuditorReadsButMayNotStartOrCancelASimulation() {
    String asset = waterDistrict("dma-aud");
    defineModel(asset);
    UiSession officer = new UiSession(port);
    officer.signIn("officer");
    officer.get("/ui/risk");
    UiSession.Page started =
        officer.post(
            "/ui/risk",
            Map.of("assetId", asset, "paths", "1000", "years", "3", "discountRate", "0.05"));
    String jobPath = started.location().replaceFirst("^https?://[^/]+", "");

    UiSession auditor = new UiSession(port);
    auditor.signIn("auditor");
    assertThat(started.status()).as(started.body()).isEqualTo(302);
    assertThat(auditor.get(jobPath).status()).isEqualTo(200);
    UiSession.Page risk = auditor.get("/ui/risk");
    assertThat(risk.status()).isEqualTo(200);
    assertThat(risk.body()).doesNotContain("Start a simulation");
    assertThat(
            auditor
                .post("/ui/risk", Map.of("assetId", asset, "paths", "1000", "years", "3"))
                .status())
        .isEqualTo(403);
    assertThat(auditor.post(jobPath + "/cancel", Map.of()).status()).isEqualTo(403);
  }

  @Test
  void badInputIsRefusedInPlaceAndAFullQueueIsSaid() {
    String asset = waterDistrict("dma-bad");
    String modelId = defineModel(asset);
    UiSession officer = new UiSession(port);
    officer.signIn("officer");

    officer.get("/ui/models/new");
    UiSession.Page broken =
        officer.post(
            "/ui/models/new",
            Map.of("definition", "id: [unclosed", "assets", asset, "action", "save"));
    assertThat(broken.status()).isEqualTo(422);
    assertThat(broken.body()).contains("id=\"definition-errors\"").contains("is not valid YAML");
    UiSession.Page taken =
        officer.post(
            "/ui/models/new",
            Map.of(
                "definition",
                ModelDefinitions.toYaml(Templates.load("water-nrw")).replace("water-nrw", modelId),
                "assets",
                asset,
                "action",
                "save"));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.body()).contains("exists; revise it instead");
    assertThat(models.versions(modelId)).hasSize(1);

    UiSession.Page paths =
        officer.post(
            "/ui/risk",
            Map.of("assetId", asset, "paths", "many", "years", "5", "discountRate", "0.05"));
    assertThat(paths.status()).isEqualTo(400);
    assertThat(paths.body()).contains("id=\"paths-errors\"").contains("is not a number");
    UiSession.Page threshold =
        officer.post(
            "/ui/risk",
            Map.of(
                "assetId", asset,
                "paths", "1000",
                "years", "5",
                "discountRate", "0.05",
                "thresholds[0].kpi", "nrw-pct",
                "thresholds[0].level", "25",
                "thresholds[0].direction", "ABOVE"));
    assertThat(threshold.status()).isEqualTo(400);
    assertThat(threshold.body())
        .contains("id=\"thresholds[0].kpi-errors\"")
        .contains("nrw-pct")
        .contains("aria-describedby=\"thresholds[0].kpi-hint thresholds[0].kpi-errors\"");

    // Large runs until the queue is full: the page says so, then every job is cancelled.
    List<String> jobs = new ArrayList<>();
    UiSession.Page refused = null;
    for (int i = 0; i < 12 && refused == null; i++) {
      UiSession.Page page =
          officer.post(
              "/ui/risk",
              Map.of("assetId", asset, "paths", "1000000", "years", "100", "discountRate", "0.05"));
      if (page.status() == 302) {
        jobs.add(page.location().replaceFirst("^https?://[^/]+", ""));
      } else {
        refused = page;
      }
    }
    assertThat(refused).as("the queue filled up").isNotNull();
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.body()).contains("the risk simulation queue is full");
    // A queued job's page polls its status every second, and says how to refresh without it.
    String queued = jobs.getLast();
    UiSession.Page waiting = officer.get(queued);
    assertThat(waiting.body())
        .contains("Status: queued")
        .contains("<progress id=\"job-progress\" max=\"1000000\" value=\"0\"")
        .contains("hx-get=\"" + queued + "/progress\"")
        .contains("hx-trigger=\"every 1s\"")
        .contains(">Refresh</a>")
        .contains("Cancel the simulation");
    for (String job : jobs.reversed()) {
      officer.get(job);
      UiSession.Page cancelled = officer.post(job + "/cancel", Map.of());
      assertThat(cancelled.status()).isEqualTo(302);
    }
    String last = jobs.getFirst();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> officer.get(last).body(), body -> body.contains("Status: cancelled"));
    // A finished job's status no longer polls.
    assertThat(officer.get(last + "/progress").body())
        .contains("Status: cancelled")
        .doesNotContain("hx-trigger");
    officer.get(last);
    UiSession.Page again = officer.post(last + "/cancel", Map.of());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("has already finished");
  }

  /** Presses a form's button and waits for the page it leads to. */
  private static void submit(Browser browser, String button) {
    follow(browser, () -> browser.find(button).click());
  }

  /** Does what leads to another page and waits for that page. */
  private static void follow(Browser browser, Runnable action) {
    browser.follow(action);
  }

  private static void scrollTo(Browser browser, String css) {
    browser.driver().executeScript("arguments[0].scrollIntoView();", browser.find(css));
  }

  private static void setDefinition(Browser browser, String yaml) {
    browser
        .driver()
        .executeScript("arguments[0].value = arguments[1];", browser.find("#definition"), yaml);
  }

  /** Defines the water-nrw template for the asset through the API, as version 1. */
  private String defineModel(String asset) {
    String modelId = "nrw-" + asset;
    String definition =
        ModelDefinitions.toJson(Templates.load("water-nrw"))
            .replace("\"id\" : \"water-nrw\"", "\"id\" : \"" + modelId + "\"");
    Api.Response defined =
        api.post(
            "/api/v1/models",
            "officer",
            "{\"assets\": [\"" + asset + "\"], \"definition\": " + definition + "}");
    assertThat(defined.status()).as(defined.body()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(20)).until(() -> models.activeFor(asset).isPresent());
    return modelId;
  }

  /** A water district with 24 closed months of the three KPIs water-nrw reads, from 2024-01. */
  private String waterDistrict(String prefix) {
    return new WaterHistory(api, commands, catalogs, observations).register(prefix, 24, Set.of());
  }
}
