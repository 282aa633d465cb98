package io.twinledger.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.service.audit.AuditJobs;
import io.twinledger.service.bond.BondJobs;
import io.twinledger.service.demo.SampleCity;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.Browser;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.ProvenDistrict;
import io.twinledger.service.support.UiSession;
import io.twinledger.service.twin.KpiPeriodJob;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bond pages, persona by persona, in a real browser: the officer structures a bond (bad terms
 * refused beside the YAML line they name, good terms saved, then issued) and runs a what-if; the
 * trustee co-signs a determination from the queue and cannot reject without a reason; the investor
 * sees their own payout and the proven months behind it, nobody else's holding, and is refused the
 * trustee's queue.
 *
 * <p>The data is made as production makes it (as in {@code BondApiTest}): a water district whose
 * inlet meter read 150 m³ last month, imported, closed and anchored. Last month, because the demo's
 * history trustee co-signs every determination of older months by itself.
 */
@OnEmbeddedDb
class BondJourneyTest {

  private static final String KPI = "system-input-volume";
  private static final YearMonth MONTH =
      YearMonth.now(ZoneId.of(SampleCity.TIME_ZONE)).minusMonths(1);
  private static final String OUTCOME = "f0-" + MONTH.atDay(1);

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired KpiPeriodJob periods;
  @Autowired AuditJobs audit;
  @Autowired BondJobs jobs;

  @Test
  void officerStructuresTrusteeCosignsInvestorSeesOwnPayoutAndProof() {
    Api api = new Api(port, json);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String asset = "dma-" + suffix;
    String bond = "bond-" + suffix;
    try (Browser browser = Browser.open(port)) {
      provenMonths(api, asset);

      browser.signIn("officer", "officer");
      browser.navigate("Bonds");
      assertThat(browser.path()).isEqualTo("/ui/bonds");
      browser.assertAccessible();
      submit(browser, "a[href='/ui/bonds/new']");
      WebElement definition = browser.find("#definition");
      definition.sendKeys(terms(bond, asset, "runoff-reduction"));
      submit(browser, "button[value=check]");
      WebElement problems = browser.find("#definition-errors");
      assertThat(problems.getText())
          .contains("Line 9", "kpi: runoff-reduction", "features[0].kpi", "has no KPI");
      assertThat(browser.find("#definition").getAttribute("aria-invalid")).isEqualTo("true");
      browser.assertAccessible();
      assertThat(api.get("/api/v1/bonds/" + bond, "officer").status())
          .as("a check records nothing")
          .isEqualTo(404);

      definition = browser.find("#definition");
      definition.clear();
      definition.sendKeys(terms(bond, asset, KPI));
      submit(browser, "button[value=check]");
      assertThat(browser.find("#dry-run").getText()).contains("Check passed");
      assertThat(browser.find("#checked-schedule").getText()).contains("PRINCIPAL");
      browser.assertAccessible();
      submit(browser, "button[value=save]");
      assertThat(browser.path()).isEqualTo("/ui/bonds/" + bond);
      assertThat(browser.text()).contains("Saved as version 1", "DRAFT");
      submit(browser, "form[action$='/issue'] button");
      assertThat(browser.text()).contains("Issued", "ISSUED");
      assertThat(browser.findAll("form[action$='/issue']")).as("issued once").isEmpty();
      browser.assertAccessible();

      submit(browser, "a[href='/ui/bonds/" + bond + "/what-if']");
      String march = "input[name='o:" + KPI + ":" + MONTH.atDay(1) + "']";
      browser.find(march).sendKeys("abc");
      submit(browser, "main form button[type=submit]");
      assertThat(browser.text()).contains("is not a decimal number");
      assertThat(browser.find(march).getAttribute("aria-invalid")).isEqualTo("true");
      browser.find(march).clear();
      browser.find(march).sendKeys("150");
      submit(browser, "main form button[type=submit]");
      // 150 m³ is in the tier at or below 200 (100.00), and 250 m³ under the baseline at 0.10.
      assertThat(browser.find("#performance-cost").getAttribute("value")).isEqualTo("125.00");
      assertThat(browser.find("#what-if-payments").getText()).contains("OUTCOME", "PER_UNIT");
      browser.assertAccessible();
      browser.find(march).clear();
      browser.find(march).sendKeys("250");
      submit(browser, "main form button[type=submit]");
      // Above the tier nothing is paid on the outcome; 150 m³ under the baseline pays 15.00.
      assertThat(browser.find("#performance-cost").getAttribute("value")).isEqualTo("15.00");
      assertThat(browser.find("#what-if-payments").getText()).doesNotContain("OUTCOME");
      browser.signOut();

      var placed =
          api.put(
              "/api/v1/bonds/" + bond + "/holders",
              "officer",
              """
              {"holdings": [{"holder": "investor", "units": 3}, {"holder": "holder-b", "units": 3},
                            {"holder": "holder-c", "units": 4}]}""");
      assertThat(placed.status()).as(placed.body()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  api.get("/api/v1/bonds/" + bond, "officer").json().get("unitsHeld").asLong()
                      == 10);
      jobs.runDue();
      await().atMost(Duration.ofSeconds(20)).until(() -> proposed(api, bond) == 2);

      browser.signIn("trustee", "trustee");
      assertThat(browser.path()).as("the trustee's home").isEqualTo("/ui/determinations");
      String outcome = "/ui/determinations/" + bond + "/" + OUTCOME;
      assertThat(browser.findAll("form[action='" + outcome + "/cosign']")).hasSize(1);
      assertThat(browser.text()).contains(bond, "tree size", "anchored in block");
      browser.assertAccessible();
      submit(browser, "form[action='" + outcome + "/reject'] button");
      assertThat(browser.find("#reason-" + bond + "-" + OUTCOME + "-errors").getText())
          .contains("say why");
      browser.assertAccessible();
      submit(browser, "form[action='" + outcome + "/cosign'] button");
      assertThat(browser.text()).contains("Co-signed " + bond + " " + OUTCOME);
      assertThat(browser.findAll("form[action='" + outcome + "/cosign']"))
          .as("it left the queue")
          .isEmpty();
      assertThat(browser.find("#r-" + bond + "-" + OUTCOME).getText())
          .contains("COSIGNED by trustee");
      String perUnit =
          browser
              .find("form[action^='/ui/determinations/" + bond + "/f1-'][action$='/cosign']")
              .getDomAttribute("action");
      UiSession officer = new UiSession(port);
      officer.signIn("officer");
      assertThat(officer.post(perUnit, Map.of()).status()).as("not the officer's").isEqualTo(403);
      UiSession trustee = new UiSession(port);
      trustee.signIn("trustee");
      assertThat(trustee.postRaw(perUnit, Map.of("_csrf", "forged")).status())
          .as("a forged form")
          .isEqualTo(403);
      assertThat(proposed(api, bond)).as("neither co-signed anything").isEqualTo(1);
      browser.go("/ui/bonds/" + bond);
      assertThat(browser.text()).contains("Register of holders", "holder-b");
      assertThat(browser.findAll("form[action$='/issue']")).isEmpty();
      browser.signOut();

      jobs.runDue();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> api.get("/api/v1/me/payouts", "investor").json().toString().contains(bond));

      browser.signIn("investor", "investor");
      browser.navigate("My bonds");
      assertThat(browser.path()).isEqualTo("/ui/me/bonds");
      String page = browser.text();
      assertThat(page).contains(bond, "OUTCOME", "30.00", OUTCOME);
      assertThat(page).as("only the investor's own holding").doesNotContain("holder-b");
      assertThat(browser.findAll("a.badge.proven[href^='/ui/evidence/proof?asset=" + asset + "']"))
          .isNotEmpty();
      assertThat(
              browser
                  .find("figure[data-table='months-" + bond + "-0']")
                  .getDomAttribute("data-thresholds"))
          .contains("\"tier 1 upper\"", "\"200\"");
      browser.assertAccessible();
      browser.go("/ui/determinations");
      assertThat(browser.text()).contains("not for your role");
      browser.go("/ui/bonds/" + bond);
      assertThat(browser.text()).contains("not for your role");
    }
  }

  /** Follows a link or sends a form, and waits until the next page has replaced this one. */
  private static void submit(Browser browser, String css) {
    browser.follow(() -> browser.find(css).click());
  }

  /** The proposed determinations of a bond in the trustee's queue. */
  private static long proposed(Api api, String bond) {
    long n = 0;
    for (JsonNode d : api.get("/api/v1/determinations", "trustee").json()) {
      n += d.get("bondId").asString().equals(bond) ? 1 : 0;
    }
    return n;
  }

  /** An outcome tier and a per-unit payment on {@link #MONTH}, as YAML. */
  private static String terms(String bond, String asset, String kpi) {
    return """
        id: %s
        currency: USD
        face: "1000"
        denomination: "100"
        issueDate: %4$s
        maturity: %5$s
        features:
        - type: outcome-tiers
          kpi: %s
          asset: %s
          observationDate: %6$s
          paymentDate: %7$s
          tiers:
          - upper: "200"
            upperInclusive: true
            amount: "100"
            payer: ISSUER
        - type: per-unit-payment
          asset: %3$s
          kpi: %2$s
          baseline: "400"
          better: LOWER
          amountPerUnit: "0.10"
          firstMonth: %8$s
          lastMonth: %8$s
        """
        .formatted(
            bond,
            kpi,
            asset,
            MONTH.minusMonths(6).atDay(1),
            MONTH.plusYears(5).atDay(1),
            MONTH.atDay(1),
            MONTH.plusMonths(1).atDay(1),
            MONTH);
  }

  /** {@link #MONTH} at 150 m³, closed from imported readings and anchored. */
  private void provenMonths(Api api, String asset) {
    new ProvenDistrict(api, periods::closeDuePeriods, audit::checkpoint)
        .register(
            asset,
            KPI,
            "[]",
            1,
            MONTH.atDay(4) + "T08:00:00Z,100",
            MONTH.atDay(20) + "T08:00:00Z,50");
  }
}
