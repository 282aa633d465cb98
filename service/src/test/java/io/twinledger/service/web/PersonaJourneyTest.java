package io.twinledger.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Browser;
import io.twinledger.service.support.OnEmbeddedDb;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each persona's main journey in a real browser: sign in, land on their home, reach the answer,
 * sign out. Every page reached is checked with axe-core.
 */
@OnEmbeddedDb
class PersonaJourneyTest {

  @LocalServerPort int port;

  @Test
  void theOfficerSeesThePortfolioAgainstThresholds() {
    try (Browser browser = Browser.open(port)) {
      browser.go("/ui/portfolio");
      assertThat(browser.path()).as("no session: sign in first").startsWith("/login");
      browser.assertAccessible();
      browser.signIn("officer", "officer");
      assertThat(browser.path()).isEqualTo("/ui/portfolio");
      assertThat(browser.find("h1").getText()).isEqualTo("Portfolio");
      assertThat(browser.text()).contains("Water district").contains("nrw-percent");
      browser.assertAccessible().screenshot("officer-portfolio");
      browser.signOut();
      assertThat(browser.text()).contains("You have signed out");
    }
  }

  @Test
  void theResidentReadsTheirVillageOnAPhone() {
    try (Browser browser = Browser.open(port, 390, 844)) {
      browser.signIn("resident", "resident");
      assertThat(browser.path()).isEqualTo("/ui/village");
      assertThat(browser.text())
          .contains("household-01", "At your meter", "Net metering", "Trades with your neighbours");
      long overflow =
          (Long)
              browser
                  .driver()
                  .executeScript(
                      "return document.documentElement.scrollWidth"
                          + " - document.documentElement.clientWidth;");
      assertThat(overflow).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
      browser.assertAccessible().screenshot("resident-village-phone");
      browser.go("/ui/portfolio");
      assertThat(browser.text()).contains("not for your role");
      browser.signOut();
    }
  }
}
