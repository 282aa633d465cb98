package io.twinledger.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.Browser;
import io.twinledger.service.support.InflowDistrict;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.twin.LiveReadings;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's journey in a real browser: sign in, land on Operations, see the sources, the
 * subscriptions, the ledger and the jobs; then readings imported through the API appear on the open
 * page, in the ingestion table and in the watched asset's live readings, without a reload.
 */
@OnEmbeddedDb
class OperatorJourneyTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired LiveReadings live;

  @Test
  void theOperatorSeesTheDataFlowInAndTheLedgerHealth() throws Exception {
    Api api = new Api(port, json);
    String asset = "ops-" + UUID.randomUUID().toString().substring(0, 8);
    InflowDistrict.register(api, asset, "Europe/Amsterdam");
    String subscription = "urn:ngsi-ld:Subscription:" + asset;
    subscribeAtAStandInBroker(api, subscription);
    try (Browser browser = Browser.open(port)) {
      browser.go("/ui/operations");
      assertThat(browser.path()).as("no session: sign in first").startsWith("/login");
      browser.signIn("operator", "operator");
      assertThat(browser.path()).as("the operator's home").isEqualTo("/ui/operations");
      assertThat(browser.find("h1").getText()).isEqualTo("Operations");
      assertThat(browser.findAll("h2"))
          .extracting(h -> h.getText())
          .contains(
              "Ingestion by source",
              "Subscriptions",
              "Ledger",
              "Jobs",
              "Watch an asset's readings");
      assertThat(browser.text())
          .contains("MQTT", "NGSI-LD", "Height", "Anchoring lag", "Integrity alarm")
          .contains("Risk simulations", "KPI periods", "Scheduled jobs")
          .contains("KpiPeriodJob.closeDuePeriods", "AuditJobs.checkpoint");
      assertThat(browser.find("#ngsi-ld-subscriptions").getText())
          .contains(subscription, "riverton", "/api/v1/twin/ngsi-ld/notifications");
      assertThat(browser.find("#ledger-facts").getText())
          .containsPattern("Height\\s+[0-9,]+ leaves");
      browser.assertAccessible().screenshot("operator-operations");

      new Select(browser.find("#watch-asset")).selectByValue(asset);
      browser.find("form.watch button[type=submit]").click();
      browser.waitFor(d -> d.getCurrentUrl().endsWith("asset=" + asset));
      assertThat(browser.find("#live-readings-table").getText())
          .contains("No readings of this asset are stored yet");
      assertThat(browser.find("#live-readings-table").getAttribute("aria-live"))
          .isEqualTo("polite");
      browser.assertAccessible();
      // A mark on the window: a reload would wipe it.
      browser.driver().executeScript("window.stillTheSamePage = true;");
      // Both of the page's streams are open before the readings are sent, so none is missed.
      browser.waitFor(d -> live.listening() >= 2);

      String file = "ops-journey-" + asset + ".csv";
      Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(30, ChronoUnit.MINUTES);
      var imported =
          api.send(
              "POST",
              "/api/v1/twin/imports?name=" + file + "&format=csv",
              "operator",
              "asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n"
                  + asset
                  + ",system-input-volume,inlet-"
                  + asset
                  + ","
                  + at
                  + ",1234.5,MTQ\n"
                  + asset
                  + ",system-input-volume,inlet-"
                  + asset
                  + ","
                  + at.plus(15, ChronoUnit.MINUTES)
                  + ",1250,MTQ\n"
                  + asset
                  + ",colour,inlet-"
                  + asset
                  + ","
                  + at
                  + ",7,MTQ\n",
              "text/csv");
      assertThat(imported.status()).as(imported.body()).isEqualTo(200);

      browser.waitFor(
          d ->
              !d.findElements(
                      By.cssSelector("#ingestion-sources tr[data-source='bulk:" + file + "']"))
                  .isEmpty());
      assertThat(browser.find("#ingestion-sources tr[data-source='bulk:" + file + "']").getText())
          .contains("File import", file, "0.2", "2", "1");
      assertThat(browser.find("#quarantine-reasons").getText())
          .as("the refused line, counted by its reason")
          .contains("bulk:" + file, "no mapping for " + asset + "/colour");
      browser.waitFor(
          d -> d.findElement(By.id("live-readings-table")).getText().contains("inlet-" + asset));
      String readings = browser.find("#live-readings-table").getText();
      assertThat(readings).contains("1,234.5 m³", "1,250 m³", "system-input-volume");
      assertThat(browser.find("#live-readings-table tbody tr").getText())
          .as("newest first")
          .contains("1,250 m³");
      assertThat(browser.driver().executeScript("return window.stillTheSamePage === true;"))
          .as("the page updated without a reload")
          .isEqualTo(true);
      browser.driver().executeScript("document.getElementById('live-readings').scrollIntoView();");
      browser.assertAccessible().screenshot("operator-operations-live");

      browser.signOut();
      assertThat(browser.text()).contains("You have signed out");
    }
  }

  /** Creates an NGSI-LD subscription through the API, at a broker that accepts it. */
  private static void subscribeAtAStandInBroker(Api api, String id) throws Exception {
    HttpServer broker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    broker.createContext(
        "/ngsi-ld/v1/subscriptions",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(201, -1);
          exchange.close();
        });
    broker.start();
    try {
      var created =
          api.post(
              "/api/v1/twin/ngsi-ld/subscriptions",
              "operator",
              """
              {"brokerUrl": "http://127.0.0.1:%d", "tenant": "riverton", "subscriptionId": "%s"}"""
                  .formatted(broker.getAddress().getPort(), id));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
    } finally {
      broker.stop(0);
    }
  }

  @Test
  void theOperationsPageAndTheLiveReadingsReadOnAPhone() {
    try (Browser browser = Browser.open(port, 390, 844)) {
      browser.signIn("operator", "operator");
      browser.go("/ui/operations?asset=road-a12-s01");
      assertThat(browser.find("#live-readings").getText()).isEqualTo("Latest readings");
      long overflow =
          (Long)
              browser
                  .driver()
                  .executeScript(
                      "return document.documentElement.scrollWidth"
                          + " - document.documentElement.clientWidth;");
      assertThat(overflow).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
      browser.assertAccessible().screenshot("operator-operations-phone");
    }
  }
}
