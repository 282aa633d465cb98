package io.twinledger.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.service.demo.SampleCity;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.Browser;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.UiSession;
import io.twinledger.service.support.WaterPnl;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The finance officer's journey: from the portfolio to an asset's KPIs against their thresholds, to
 * its P&amp;L, down one line to the KPI periods, readings and proof behind it and why it changed;
 * and the asset's parameters form, which refuses bad input beside the field and saves nothing.
 *
 * <p>The data is made as production makes it: a water district registered, its monthly KPI periods
 * recorded, the water model defined over the API, and March's NRW volume closed again late, so that
 * March's revenue line has a revision with its cause.
 */
@OnEmbeddedDb
class OfficerJourneyTest {

  private static final String OFFICER = "officer";
  private static final ZoneId ZONE = ZoneId.of(SampleCity.TIME_ZONE);

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired CommandGateway commands;

  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port, json);
  }

  /** The officer's journey; then an investor reads the same P&amp;L pages on a phone. */
  @Test
  void theOfficerFollowsALineFromThePortfolioToItsReadingsAndProof() {
    String asset = modelledDistrict();
    try (Browser browser = Browser.open(port)) {
      browser.signIn(OFFICER, OFFICER);
      assertThat(browser.path()).isEqualTo("/ui/portfolio");
      browser.assertAccessible();

      browser.find("a[href='/ui/assets/" + asset + "']").click();
      assertThat(browser.path()).isEqualTo("/ui/assets/" + asset);
      assertThat(browser.find("h1").getText()).isEqualTo("North Hill DMA");
      WebElement nrwPercent = browser.find("#kpi-nrw-percent");
      assertThat(nrwPercent.findElements(By.cssSelector("tbody tr"))).hasSize(3);
      assertThat(nrwPercent.getText()).contains("January 2026", "25 %", "missed", "met");
      assertThat(browser.find("figure[data-table=kpi-nrw-percent]").getAttribute("data-thresholds"))
          .contains("\"target\"", "\"20\"");
      assertThat(browser.findAll("a[href$='/quarantine']"))
          .as("the quarantine is for operators and auditors")
          .isEmpty();
      assertThat(browser.text()).contains("Latest readings", "Mains length (km)");
      browser.assertAccessible().screenshot("officer-asset");

      browser.navigate("P&L");
      assertThat(browser.path()).startsWith("/ui/pnl");
      browser.assertAccessible();
      browser.find("a[href^='/ui/pnl/assets/" + asset + "']").click();
      browser
          .find("nav[aria-label='Statement period']")
          .findElement(By.linkText("By month"))
          .click();
      assertThat(browser.path()).isEqualTo("/ui/pnl/assets/" + asset + "?period=MONTH");
      assertThat(browser.find("#pnl-lines").getText())
          .contains("Revenue from recovered water", "€4,700.00", "€7,050.00");
      assertThat(browser.text()).contains("KPI nrw-volume 2026-03 revision 2: late readings");
      browser.assertAccessible().screenshot("officer-pnl");

      browser
          .find(
              "#pnl-lines a[href='/ui/pnl/assets/"
                  + asset
                  + "/lines/recovered-revenue?period=2026-03']")
          .click();
      assertThat(browser.find("h1").getText())
          .isEqualTo("Revenue from recovered water, March 2026");
      assertThat(browser.text())
          .contains("line('recovered-volume') * param('tariff')", "€7,050.00", "9,000 m³");
      WebElement why = browser.find("#why").findElement(By.xpath(".."));
      assertThat(why.getText()).contains("late readings (revision 2)", "€4,700.00", "€7,050.00");
      browser.assertAccessible().screenshot("officer-pnl-line");

      String start = YearMonth.of(2026, 3).atDay(1).atStartOfDay(ZONE).toInstant().toString();
      WebElement proof = browser.find("#kpi-periods a.proof");
      assertThat(URLDecoder.decode(proof.getAttribute("href"), StandardCharsets.UTF_8))
          .endsWith("/ui/evidence?asset=" + asset + "&kpi=nrw-volume&kind=MONTH&start=" + start);
      browser.find("#kpi-periods a[href*='/readings']").click();
      assertThat(browser.path()).startsWith("/ui/assets/" + asset + "/readings?kpi=nrw-volume");
      assertThat(browser.text()).contains("Readings of North Hill DMA");
      browser.assertAccessible();
      browser.signOut();
    }
    try (Browser phone = Browser.open(port, 390, 844)) {
      phone.signIn("investor", "investor");
      for (String page :
          new String[] {
            "/ui/pnl",
            "/ui/pnl/assets/" + asset,
            "/ui/pnl/assets/" + asset + "/lines/recovered-revenue?period=2026-Q1",
            "/ui/assets/" + asset
          }) {
        phone.go(page);
        assertThat(phone.find("h1").getText()).as(page).isNotBlank();
        long overflow =
            (Long)
                phone
                    .driver()
                    .executeScript(
                        "return document.documentElement.scrollWidth"
                            + " - document.documentElement.clientWidth;");
        assertThat(overflow).as("no sideways scrolling of " + page).isLessThanOrEqualTo(0);
        phone.assertAccessible();
      }
      phone.signOut();
    }
  }

  @Test
  void badParametersShowTheErrorBesideTheFieldAndNothingIsSaved() {
    String asset = WaterPnl.waterDistrict(commands, api);
    long version = version(asset);
    try (Browser browser = Browser.open(port)) {
      browser.signIn(OFFICER, OFFICER);
      browser.go("/ui/assets/" + asset);
      browser.find("a[href='/ui/assets/" + asset + "/parameters']").click();
      browser.assertAccessible();
      WebElement mains = browser.find("#p-mainsLengthKm");
      mains.clear();
      mains.sendKeys("-3");
      browser.find("main form button[type=submit]").click();
      browser.waitFor(d -> !d.findElements(By.cssSelector(".field-error")).isEmpty());
      WebElement field = browser.find("#p-mainsLengthKm");
      assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
      assertThat(field.getAttribute("value")).isEqualTo("-3");
      String describedBy = field.getAttribute("aria-describedby");
      assertThat(browser.find("#" + describedBy).getText()).containsIgnoringCase("greater than");
      assertThat(browser.text()).contains("Nothing was saved");
      browser.assertAccessible().screenshot("officer-asset-parameters-error");
      browser.signOut();
    }
    assertThat(version(asset)).as("nothing was saved").isEqualTo(version);
  }

  @Test
  void theParametersFormSavesValidInputOnlyAndOnlyForItsRoles() {
    String asset = WaterPnl.waterDistrict(commands, api);
    long version = version(asset);
    JsonNode before = api.get("/api/v1/assets/" + asset, OFFICER).json();
    String path = "/ui/assets/" + asset + "/parameters";
    UiSession officer = new UiSession(port);
    officer.signIn(OFFICER);
    assertThat(officer.get(path).body()).contains("value=\"" + version + "\"");

    UiSession.Page bad = officer.post(path, form(asset, version, "tariff.amount", "-1"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body())
        .contains("id=\"p-tariff-amount-error\"", "aria-describedby=\"p-tariff-amount-error\"");
    UiSession.Page notANumber =
        officer.post(path, form(asset, version, "serviceConnections", "many"));
    assertThat(notANumber.status()).isEqualTo(400);
    assertThat(notANumber.body()).contains("id=\"p-serviceConnections-error\"", "value=\"many\"");
    assertThat(version(asset)).as("nothing was saved").isEqualTo(version);

    UiSession.Page stale = officer.post(path, form(asset, version - 1, "averagePressureM", "45"));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.body()).contains("changed since this form was opened");
    assertThat(version(asset)).isEqualTo(version);

    UiSession investor = new UiSession(port);
    investor.signIn("investor");
    investor.get("/ui/assets/" + asset);
    UiSession.Page refused = investor.post(path, form(asset, version, "averagePressureM", "45"));
    assertThat(refused.status()).as("an investor may not change parameters").isEqualTo(403);
    assertThat(version(asset)).isEqualTo(version);

    officer.get(path);
    UiSession.Page saved = officer.post(path, form(asset, version, "averagePressureM", "45"));
    assertThat(saved.status()).isEqualTo(302);
    assertThat(saved.location()).endsWith("/ui/assets/" + asset);
    assertThat(officer.get("/ui/assets/" + asset).body()).contains("Parameters saved");
    // The register's view follows the saved event; wait for it rather than read a step behind.
    await().atMost(Duration.ofSeconds(10)).until(() -> version(asset) > version);
    JsonNode after = api.get("/api/v1/assets/" + asset, OFFICER).json();
    assertThat(after.get("version").asLong()).isGreaterThan(version);
    assertThat(after.get("parameters").get("averagePressureM").decimalValue())
        .isEqualByComparingTo("45");
    assertThat(after.get("parameters").get("mainsLengthKm").decimalValue())
        .as("the other fields are sent back unchanged")
        .isEqualByComparingTo(before.get("parameters").get("mainsLengthKm").decimalValue());
  }

  @Test
  void unknownThingsAndBadAddressesArePagesNotStackTraces() {
    UiSession officer = new UiSession(port);
    officer.signIn(OFFICER);
    UiSession.Page unknown = officer.get("/ui/assets/no-such-asset");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("<h1>Not found</h1>", "no asset no-such-asset");
    assertThat(officer.get("/ui/pnl/assets/no-such-asset").status()).isEqualTo(404);
    UiSession.Page badPeriod = officer.get("/ui/pnl?period=WEEK");
    assertThat(badPeriod.status()).isEqualTo(400);
    assertThat(badPeriod.body()).contains("period must be MONTH, QUARTER or YEAR");

    String asset = WaterPnl.waterDistrict(commands, api);
    UiSession.Page noPnl = officer.get("/ui/pnl/assets/" + asset);
    assertThat(noPnl.status()).isEqualTo(404);
    assertThat(noPnl.body()).contains("has no P&amp;L");
    assertThat(officer.get("/ui/pnl/assets/" + asset + "/lines/recovered-revenue").location())
        .as("a line without a period leads to the asset's statements")
        .endsWith("/ui/pnl/assets/" + asset);

    UiSession auditor = new UiSession(port);
    auditor.signIn("auditor");
    assertThat(auditor.get("/ui/assets/" + asset).body())
        .contains("href=\"/ui/assets/" + asset + "/quarantine\"")
        .doesNotContain("/parameters\"");
    assertThat(auditor.get("/ui/assets/" + asset + "/quarantine").status()).isEqualTo(200);
    UiSession investor = new UiSession(port);
    investor.signIn("investor");
    assertThat(investor.get("/ui/assets/" + asset + "/quarantine").status()).isEqualTo(403);
  }

  @Test
  void theAssetsReadingsAndTheQuarantineAreListed() {
    String asset = WaterPnl.waterDistrict(commands, api);
    Instant at = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    String name = "officer-" + asset + ".csv";
    var imported =
        api.send(
            "POST",
            "/api/v1/twin/imports?name=" + name + "&format=csv",
            "operator",
            """
            asset_id,kpi_id,sensor_id,observed_at,value,unit_code
            %1$s,system-input-volume,inlet-1,%2$s,18.5,MTQ
            %1$s,system-input-volume,inlet-1,%3$s,99999999999,MTQ
            """
                .formatted(asset, at, at.plus(15, ChronoUnit.MINUTES)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);

    UiSession officer = new UiSession(port);
    officer.signIn(OFFICER);
    UiSession.Page readings =
        officer.get("/ui/assets/" + asset + "/readings?kpi=system-input-volume&from=&to=");
    assertThat(readings.status()).isEqualTo(200);
    assertThat(readings.body()).contains("<data value=\"18.5\">18.5 m³</data>", "inlet-1");
    assertThat(officer.get("/ui/assets/" + asset + "/readings?kpi=night-flow").body())
        .contains("No stored reading matches.");
    UiSession.Page badRange = officer.get("/ui/assets/" + asset + "/readings?from=yesterday");
    assertThat(badRange.status()).isEqualTo(400);
    assertThat(badRange.body()).contains("from must be an ISO-8601 instant");
    assertThat(officer.get("/ui/assets/" + asset + "/quarantine").status())
        .as("the quarantine is for operators and auditors")
        .isEqualTo(403);

    UiSession operator = new UiSession(port);
    operator.signIn("operator");
    UiSession.Page quarantine = operator.get("/ui/assets/" + asset + "/quarantine");
    assertThat(quarantine.status()).isEqualTo(200);
    assertThat(quarantine.body()).contains("bulk:" + name, "99999999999");
  }

  // --- helpers ---------------------------------------------------------------------------------

  /**
   * A water district with three closed months of 2026 and the water model, March's NRW volume
   * closed again late (9,000 m³ instead of 10,000), once the P&amp;L shows the revision.
   */
  private String modelledDistrict() {
    String asset = WaterPnl.waterDistrict(commands, api);
    String[][] months = {{"10000", "6000", "25"}, {"11000", "6500", "22"}, {"10000", "6000", "18"}};
    for (int m = 0; m < months.length; m++) {
      WaterPnl.close(commands, asset, "nrw-volume", m + 1, 1, months[m][0], "MTQ", 'a');
      WaterPnl.close(commands, asset, "real-losses", m + 1, 1, months[m][1], "MTQ", 'b');
      WaterPnl.close(commands, asset, "nrw-percent", m + 1, 1, months[m][2], "P1", 'c');
    }
    var defined = api.post("/api/v1/models", OFFICER, WaterPnl.waterModel("water-" + asset, asset));
    assertThat(defined.status()).as(defined.body()).isEqualTo(201);
    WaterPnl.awaitStatements(api, asset, "MONTH", 3);
    WaterPnl.close(commands, asset, "nrw-volume", 3, 2, "9000", "MTQ", 'e');
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                api.get("/api/v1/pnl/assets/" + asset + "/revisions", OFFICER)
                    .json()
                    .get("revisions")
                    .valueStream()
                    .anyMatch(r -> r.get("cause").asString().contains("late readings")));
    return asset;
  }

  private long version(String asset) {
    return api.get("/api/v1/assets/" + asset, OFFICER).json().get("version").asLong();
  }

  /** The parameters form as the page fills it, with one field changed. */
  private Map<String, String> form(String asset, long version, String field, String value) {
    JsonNode parameters = api.get("/api/v1/assets/" + asset, OFFICER).json().get("parameters");
    Map<String, String> form = new HashMap<>();
    form.put("expectedVersion", Long.toString(version));
    form.put("mainsLengthKm", parameters.get("mainsLengthKm").asString());
    form.put("serviceConnections", parameters.get("serviceConnections").asString());
    form.put("privatePipeLengthKm", parameters.get("privatePipeLengthKm").asString());
    form.put("averagePressureM", parameters.get("averagePressureM").asString());
    form.put("tariff.amount", parameters.get("tariff").get("amount").asString());
    form.put("tariff.currency", parameters.get("tariff").get("currency").asString());
    form.put(field, value);
    return form;
  }
}
