package io.twinledger.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.market.slot.SlotId;
import io.twinledger.service.market.MarketBook;
import io.twinledger.service.market.MarketJobs;
import io.twinledger.service.support.Browser;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.TestVillage;
import io.twinledger.twin.store.ReadingStore;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A resident's journey on a phone, in a real browser: sign in and land on My village, then follow
 * the links from the bills to the month's bill, its "sold to neighbours" line and the slot, which
 * shows the clearing transaction and block and the meter's reading. Every page reads without
 * sideways scrolling and passes axe-core.
 */
@OnEmbeddedDb
class VillageJourneyTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  @LocalServerPort int port;
  @Autowired ReadingStore readings;
  @Autowired MarketJobs jobs;
  @Autowired MarketBook book;

  @Test
  void aResidentFollowsTheBillDownToASlotOnAPhone() {
    SlotId traded = TestVillage.traded(readings, jobs, book);
    YearMonth month = YearMonth.from(traded.start().atZone(SEOUL));
    MarketBook.RecordedSlot recorded = book.slot(traded).orElseThrow();
    try (Browser phone = Browser.open(port, 390, 844)) {
      phone.signIn("resident", "resident");
      assertThat(phone.path()).as("the resident's home").isEqualTo("/ui/village");
      readable(phone, "resident-village-phone");

      phone.go("/ui/village?date=" + LocalDate.ofInstant(traded.start(), SEOUL));
      assertThat(phone.find("#trades").getText()).contains("Sold to a neighbour");
      assertThat(phone.findAll("#meter-slots tbody tr")).isNotEmpty();
      readable(phone, "resident-village-day-phone");

      phone.follow(() -> phone.navigate("Bills"));
      assertThat(phone.find("h1").getText()).isEqualTo("Your bills");
      readable(phone, "resident-bills-phone");

      phone.follow(
          () ->
              phone
                  .find("#bills")
                  .findElement(By.cssSelector("a[href='/ui/village/bills/" + month + "']"))
                  .click());
      assertThat(phone.find("#bill-lines").getText()).contains("Sold to neighbours");
      readable(phone, "resident-bill-phone");

      phone.follow(
          () -> phone.find("#bill-lines").findElement(By.linkText("Sold to neighbours")).click());
      assertThat(phone.path()).isEqualTo("/ui/village/bills/" + month + "/sold-to-neighbours");
      readable(phone, "resident-bill-line-phone");

      phone.follow(
          () ->
              phone
                  .find("#line-slots")
                  .findElement(By.cssSelector("a[href='/ui/village/slots/" + traded + "']"))
                  .click());
      assertThat(phone.text())
          .contains(recorded.txId())
          .contains(Long.toString(recorded.blockNumber()))
          .contains("Sold to a neighbour")
          .doesNotContain("household-02");
      readable(phone, "resident-slot-phone");
    }
  }

  @Test
  void theOperatorsMarketPagesReadOnAPhone() {
    SlotId traded = TestVillage.traded(readings, jobs, book);
    try (Browser phone = Browser.open(port, 390, 844)) {
      phone.signIn("operator", "operator");
      phone.go("/ui/market?date=" + LocalDate.ofInstant(traded.start(), SEOUL));
      readable(phone, "operator-market-phone");
      phone.follow(
          () ->
              phone
                  .find("#market-slots")
                  .findElement(By.cssSelector("a[href='/ui/market/slots/" + traded + "']"))
                  .click());
      assertThat(phone.find("#book-trades").getText()).contains("household-02", "household-03");
      readable(phone, "operator-market-slot-phone");
    }
  }

  private static void readable(Browser phone, String screenshot) {
    long overflow =
        (Long)
            phone
                .driver()
                .executeScript(
                    "return document.documentElement.scrollWidth"
                        + " - document.documentElement.clientWidth;");
    assertThat(overflow)
        .as("no sideways scrolling on a phone: " + phone.path())
        .isLessThanOrEqualTo(0);
    phone.assertAccessible().screenshot(screenshot);
  }
}
