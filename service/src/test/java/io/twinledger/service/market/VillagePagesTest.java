package io.twinledger.service.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.market.slot.SlotId;
import io.twinledger.reporting.bill.BillJson;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.TestVillage;
import io.twinledger.service.support.UiSession;
import io.twinledger.twin.store.ReadingStore;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The village market's pages on the test village's traded slot ({@link TestVillage}): the resident
 * (household-01, which sold 1 kWh to its two neighbours at 160 KRW) sees their day, bill, bill line
 * and slot, and never another household's data; the limits forms refuse what the API refuses, at
 * the field; the operator sees the whole book.
 */
@OnEmbeddedDb
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VillagePagesTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  @LocalServerPort int port;
  @Autowired ReadingStore readings;
  @Autowired MarketJobs jobs;
  @Autowired MarketBook book;

  SlotId traded;
  YearMonth month;
  UiSession resident;

  @BeforeAll
  void tradedSlot() {
    traded = TestVillage.traded(readings, jobs, book);
    month = YearMonth.from(traded.start().atZone(SEOUL));
    resident = new UiSession(port);
    resident.signIn("resident");
  }

  @Test
  void theResidentsDayShowsTheMeterAndTheTradesWithNeighboursUnnamed() {
    LocalDate day = LocalDate.ofInstant(traded.start(), SEOUL);

    UiSession.Page home = resident.get("/ui/village?date=" + day);

    assertThat(home.status()).isEqualTo(200);
    assertThat(home.body())
        .contains("household-01", "Net metering")
        .contains("<table id=\"meter-slots\"")
        .contains("Sold to a neighbour")
        .contains("href=\"/ui/village/slots/" + traded + "\"")
        .doesNotContain("household-02", "household-03");
    // The 1 kWh exported in the traded slot, and the two trades' shares of it at 160.
    assertThat(home.body())
        .contains("<data value=\"1.000\">1</data>")
        .contains("<data value=\"0.462\">0.462</data>", "<data value=\"0.538\">0.538</data>")
        .contains("<data value=\"160\">");
    assertThat(resident.get("/ui/village?date=2026-13-01").status()).isEqualTo(400);
  }

  @Test
  void theBillDrillsDownToItsSlotsAndEachSlotToTheLedgerAndTheMeter() throws Exception {
    String bills = resident.get("/ui/village/bills").body();
    assertThat(bills).contains("href=\"/ui/village/bills/" + month + "\"");

    UiSession.Page bill = resident.get("/ui/village/bills/" + month);
    assertThat(bill.status()).isEqualTo(200);
    assertThat(bill.body())
        .contains(
            "Bought from neighbours",
            "Sold to neighbours",
            "Imported from the utility",
            "Exported to the utility",
            "Grid fees",
            "Savings against no trading")
        .contains("href=\"/ui/village/bills/" + month + "/sold-to-neighbours\"")
        // Sold at 160 what the utility would have paid 110 for: paid 160, saved 50.
        .contains("<data value=\"-160\">", "<data value=\"50\">");

    assertThat(bill.body())
        .contains("href=\"/ui/village/bills/" + month + "/bundle\"")
        .contains("./twinledger verify-bill bill-household-01-" + month + ".json.gz");
    UiSession.Download bundle = resident.download("/ui/village/bills/" + month + "/bundle");
    assertThat(bundle.status()).isEqualTo(200);
    assertThat(bundle.contentType()).isEqualTo("application/gzip");
    assertThat(bundle.disposition()).contains("bill-household-01-" + month + ".json.gz");
    try (var in = new GZIPInputStream(new ByteArrayInputStream(bundle.body()))) {
      assertThat(BillJson.read(in.readAllBytes()).household()).isEqualTo("household-01");
    }

    UiSession.Page line = resident.get("/ui/village/bills/" + month + "/sold-to-neighbours");
    assertThat(line.status()).isEqualTo(200);
    assertThat(line.body())
        .contains("href=\"/ui/village/slots/" + traded + "\"")
        .contains("<data value=\"-160.000\">");

    UiSession.Page slot = resident.get("/ui/village/slots/" + traded);
    MarketBook.RecordedSlot recorded = book.slot(traded).orElseThrow();
    assertThat(slot.status()).isEqualTo(200);
    assertThat(slot.body())
        .contains(recorded.txId(), ">" + recorded.blockNumber() + "<")
        .contains("Selling a surplus", "Sold to a neighbour")
        .contains("<data value=\"1.000\">1 kWh</data>")
        .doesNotContain("household-02", "household-03");
  }

  @Test
  void aResidentReachesNoOtherHouseholdsDataAndNoOperatorPage() {
    // Nothing in a page's address names a household: a parameter naming another is ignored.
    assertThat(resident.get("/ui/village/slots/" + traded + "?household=household-02").body())
        .contains("household-01")
        .doesNotContain("household-02");
    assertThat(resident.get("/ui/village/bills/" + month + "?household=household-02").body())
        .doesNotContain("household-02");
    for (String page :
        new String[] {"/ui/market", "/ui/market/slots/" + traded, "/ui/market/battery"}) {
      UiSession.Page refused = resident.get(page);
      assertThat(refused.status()).as(page).isEqualTo(403);
      assertThat(refused.body()).as(page).doesNotContain("household-02");
    }
    assertThat(resident.get("/ui/village/bills/2020-01").status()).isEqualTo(404);
    assertThat(resident.get("/ui/village/bills/" + month + "/tips").status()).isEqualTo(404);
    assertThat(resident.get("/ui/village/slots/2020-01-01T00:00:00Z").status()).isEqualTo(404);
    assertThat(resident.get("/ui/village/slots/" + traded.start().plusSeconds(60)).status())
        .isEqualTo(404);
  }

  @Test
  void theLimitsFormsRefuseWhatTheApiRefusesAtTheField() {
    assertThat(resident.get("/ui/village/limits").body())
        .contains("Feed-in tariff", "<data value=\"110\">", "<data value=\"170\">");

    UiSession.Page below = resident.post("/ui/village/limits", Map.of("minSellPrice", "100"));
    assertThat(below.status()).isEqualTo(400);
    assertThat(below.body())
        .contains("id=\"minSellPrice-errors\"", "below the feed-in tariff 110")
        .containsPattern("id=\"minSellPrice\"[^>]*aria-invalid=\"true\"");
    UiSession.Page notANumber = resident.post("/ui/village/limits", Map.of("maxBuyPrice", "cheap"));
    assertThat(notANumber.status()).isEqualTo(400);
    assertThat(notANumber.body()).contains("id=\"maxBuyPrice-errors\"", "was &#39;cheap&#39;");

    UiSession.Page set =
        resident.post("/ui/village/limits", Map.of("minSellPrice", "120", "maxBuyPrice", ""));
    assertThat(set.status()).isEqualTo(302);
    assertThat(resident.get("/ui/village/limits").body())
        .contains("Your price limits are set")
        .containsPattern("id=\"minSellPrice\"[^>]*value=\"120\"");

    LocalDateTime past = LocalDateTime.ofInstant(traded.start(), SEOUL);
    UiSession.Page begun =
        resident.post("/ui/village/limits/slot", Map.of("slot", past.toString()));
    assertThat(begun.status()).isEqualTo(400);
    assertThat(begun.body()).contains("id=\"slot-errors\"", "must start in the future");
    LocalDateTime tomorrow =
        ZonedDateTime.now(SEOUL).plusDays(1).truncatedTo(ChronoUnit.HOURS).toLocalDateTime();
    UiSession.Page offQuarter =
        resident.post(
            "/ui/village/limits/slot", Map.of("slot", tomorrow.plusMinutes(7).toString()));
    assertThat(offQuarter.body()).contains("must start on a quarter hour");
    UiSession.Page overBound =
        resident.post(
            "/ui/village/limits/slot",
            Map.of("slot", tomorrow.toString(), "slotMaxBuyPrice", "170.01"));
    assertThat(overBound.status()).isEqualTo(400);
    assertThat(overBound.body()).contains("id=\"slotMaxBuyPrice-errors\"", "retail tariff 170");
    UiSession.Page override =
        resident.post(
            "/ui/village/limits/slot",
            Map.of("slot", tomorrow.toString(), "slotMinSellPrice", "150"));
    assertThat(override.status()).isEqualTo(302);

    // The tariffs again, for the other tests of this context.
    assertThat(resident.post("/ui/village/limits", Map.of()).status()).isEqualTo(302);
  }

  @Test
  void theCommunityFiguresAreTheResidentsToo() {
    UiSession.Page figures = resident.get("/ui/village/community?month=" + month);
    assertThat(figures.status()).isEqualTo(200);
    assertThat(figures.body()).contains("Traded between neighbours").doesNotContain("household-0");
    assertThat(resident.get("/ui/village/community?month=May").status()).isEqualTo(400);
  }

  @Test
  void eachPageIsUnderItsOwnEntryOfTheResidentsNavigation() {
    String bill = resident.get("/ui/village/bills/" + month).body();
    assertThat(bill)
        .contains("href=\"/ui/village/limits\"", "href=\"/ui/village/community\"")
        .contains("<a href=\"/ui/village/bills\" aria-current=\"page\">Bills</a>")
        .contains("<a href=\"/ui/village\">My village</a>")
        .doesNotContain("href=\"/ui/market\"");
  }

  @Test
  void theOperatorSeesTheWholeBookAndTheBattery() {
    UiSession operator = new UiSession(port);
    operator.signIn("operator");
    LocalDate day = LocalDate.ofInstant(traded.start(), SEOUL);

    assertThat(operator.get("/ui/market?date=" + day).body())
        .contains("href=\"/ui/market/slots/" + traded + "\"");
    UiSession.Page slot = operator.get("/ui/market/slots/" + traded);
    assertThat(slot.status()).isEqualTo(200);
    assertThat(slot.body())
        .contains("household-01", "household-02", "household-03")
        .contains("Conservation", "<data value=\"160.000\">", "<data value=\"1.000\">");
    assertThat(operator.get("/ui/market/battery").body())
        .contains("The village has no community battery");
    assertThat(operator.get("/ui/market/slots/2020-01-01T00:00:00Z").status()).isEqualTo(404);
    assertThat(operator.get("/ui/market?date=yesterday").status()).isEqualTo(400);
  }
}
