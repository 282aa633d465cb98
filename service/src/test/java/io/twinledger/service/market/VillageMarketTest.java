package io.twinledger.service.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.market.slot.SlotId;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import io.twinledger.service.support.TestVillage;
import io.twinledger.twin.store.ReadingStore;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The village market end to end in the service, on the real embedded peer and PostgreSQL: meter
 * registers stored as twin readings become positions, each household's order is signed with its own
 * identity, the slot clears on the energy-market channel, and the read model, API and bills follow.
 * The test village (OnEmbeddedDb) has three households and no battery, at the default terms:
 * feed-in 110, retail 170, grid fee 10 KRW/kWh, uniform price with kappa 1/2; its traded slot is
 * {@link TestVillage}'s, shared with the market's page tests.
 */
@OnEmbeddedDb
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VillageMarketTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired ReadingStore readings;
  @Autowired MarketJobs jobs;
  @Autowired MarketBook book;

  Api api;

  /** The slot with trades: household-01 exports 1 kWh, 02 and 03 import 0.6 and 0.7. */
  SlotId traded;

  @BeforeAll
  void meterReadings() {
    api = new Api(port, json);
    traded = TestVillage.traded(readings, jobs, book);
  }

  @Test
  @Order(1)
  void dueSlotsClearOnTheLedgerWithEachHouseholdsSignedOrder() {
    assertThat(book.lastCleared())
        .hasValueSatisfying(last -> assertThat(last).isGreaterThan(traded));
    assertThat(book.slots(traded.start(), traded.next().next().end(), 3))
        .extracting(MarketBook.SlotSummary::slot)
        .containsExactly(traded, traded.next(), traded.next().next());
    MarketBook.RecordedSlot slot = book.slot(traded).orElseThrow();
    assertThat(slot.clearing().volume()).isEqualTo("1.000");
    // The bids (170 less the fee, 160) are the long side: the interval is [160, 160].
    assertThat(new BigDecimal(slot.clearing().price())).isEqualByComparingTo("160");
    assertThat(slot.clearing().orders())
        .extracting(o -> o.participant() + " " + o.side() + " " + o.quantity())
        .containsExactlyInAnyOrder(
            "household-01 ASK 1.000", "household-02 BID 0.600", "household-03 BID 0.700");
    // The rationed bids share the kilowatt hour pro rata, in whole Wh: 461.5 and 538.5, the odd
    // Wh to the larger remainder.
    assertThat(slot.clearing().trades())
        .extracting(t -> t.bid() + " " + t.quantity())
        .containsExactlyInAnyOrder("household-02 0.462", "household-03 0.538");
    assertThat(new BigDecimal(slot.clearing().buyersPaid()))
        .isEqualByComparingTo(
            new BigDecimal(slot.clearing().sellersReceived())
                .add(new BigDecimal(slot.clearing().fees())));
    assertThat(slot.blockNumber()).isPositive();
    assertThat(book.slot(traded.next()).orElseThrow().clearing().trades()).isEmpty();
  }

  @Test
  @Order(2)
  void aResidentSeesTheirOwnTradesWithTheirNeighboursUnnamed() {
    JsonNode slots =
        api.get("/api/v1/energy/me/trades?from=" + traded + "&to=" + traded.end(), "resident")
            .json();

    assertThat(slots).hasSize(1);
    JsonNode slot = slots.get(0);
    assertThat(slot.get("order").get("side").asString()).isEqualTo("ASK");
    assertThat(slot.get("trades")).hasSize(2);
    for (JsonNode trade : slot.get("trades")) {
      assertThat(trade.get("ask").asString()).isEqualTo("household-01");
      assertThat(trade.get("bid").asString()).isEqualTo("neighbour");
    }
    assertThat(slot.get("account").get("soldAmount").asString()).isEqualTo("160.000");
    assertThat(slot.get("txId").asString()).hasSize(64);
  }

  @Test
  @Order(2)
  void theMonthsBillAddsUpTheSlotsAndShowsTheSavings() {
    YearMonth month = YearMonth.from(traded.start().atZone(ZoneId.of("Asia/Seoul")));

    JsonNode bill = api.get("/api/v1/energy/me/bills/" + month, "resident").json();

    assertThat(bill.get("household").asString()).isEqualTo("household-01");
    // Sold 1 kWh at 160 instead of exporting it at 110: paid 160, saved 50.
    assertThat(bill.get("total").decimalValue()).isEqualByComparingTo("-160");
    assertThat(bill.get("baselineTotal").decimalValue()).isEqualByComparingTo("-110");
    assertThat(bill.get("savings").decimalValue()).isEqualByComparingTo("50");
    JsonNode sold = line(bill, "SOLD_TO_NEIGHBOURS");
    assertThat(sold.get("kwh").decimalValue()).isEqualByComparingTo("1");
    assertThat(sold.get("slots")).extracting(JsonNode::asString).containsExactly(traded.toString());
    assertThat(api.get("/api/v1/energy/me/bills", "resident").json().get(0).get("month").asString())
        .isEqualTo(month.toString());
  }

  @Test
  @Order(2)
  void aResidentReadsOnlyTheirOwnMeter() {
    JsonNode meter =
        api.get("/api/v1/energy/me/meter?from=" + traded + "&to=" + traded.end(), "resident")
            .json();

    assertThat(meter).hasSize(1);
    assertThat(meter.get(0).get("exportKwh").decimalValue()).isEqualByComparingTo("1");
    assertThat(
            api.get(
                    "/api/v1/energy/households/household-02/meter?from="
                        + traded
                        + "&to="
                        + traded.end(),
                    "resident")
                .status())
        .isEqualTo(403);
    assertThat(api.get("/api/v1/energy/slots/" + traded, "resident").status()).isEqualTo(403);
    assertThat(
            api.get(
                    "/api/v1/energy/households/household-02/meter?from="
                        + traded
                        + "&to="
                        + traded.end(),
                    "operator")
                .json()
                .get(0)
                .get("importKwh")
                .decimalValue())
        .isEqualByComparingTo("0.6");
  }

  @Test
  @Order(2)
  void aHouseholdsMeterReadingsStayPrivateOnTheTwinApi() {
    String path = "/api/v1/twin/readings?asset=household-02&from=" + traded + "&to=" + traded.end();

    assertThat(api.get(path, "officer").status()).isEqualTo(403);
    assertThat(api.get(path, "investor").status()).isEqualTo(403);
    assertThat(api.get(path, "resident").status()).isEqualTo(403);
    assertThat(api.get(path, "operator").json()).as("two registers at the slot's start").hasSize(2);
    assertThat(api.get(path, "auditor").status()).isEqualTo(200);
  }

  @Test
  @Order(3)
  void priceLimitsAreSignedOnTheLedgerWithinTheTariffBounds() {
    Api.Response below =
        api.put("/api/v1/energy/me/price-limits", "resident", "{\"minSellPrice\": 100}");
    Api.Response set =
        api.put(
            "/api/v1/energy/me/price-limits",
            "resident",
            "{\"minSellPrice\": 125, \"maxBuyPrice\": 165.5}");

    assertThat(below.status()).isEqualTo(400);
    assertThat(below.json().get("field").asString()).isEqualTo("minSellPrice");
    assertThat(below.json().get("detail").asString()).contains("feed-in tariff 110");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    JsonNode limits = api.get("/api/v1/energy/me/price-limits", "resident").json();
    assertThat(limits.get("minSellPrice").decimalValue()).isEqualByComparingTo("125");
    assertThat(limits.get("maxBuyPrice").decimalValue()).isEqualByComparingTo("165.5");
    assertThat(
            api.put("/api/v1/energy/me/price-limits", "resident", "{\"maxBuyPrice\": 170.01}")
                .status())
        .isEqualTo(400);
    assertThat(api.put("/api/v1/energy/me/price-limits/slots/" + traded, "resident", "{}").status())
        .as("a slot that has begun")
        .isEqualTo(400);
  }

  @Test
  @Order(3)
  void theOperatorSeesTheBooksAndTheCommunityFigures() {
    JsonNode slots =
        api.get(
                "/api/v1/energy/slots?from=" + traded + "&to=" + traded.next().next().start(),
                "operator")
            .json();
    JsonNode figures =
        api.get("/api/v1/energy/community?from=" + traded + "&to=" + traded.end(), "officer")
            .json();

    assertThat(slots).hasSize(2);
    assertThat(slots.get(0).get("volume").decimalValue()).isEqualByComparingTo("1");
    assertThat(api.get("/api/v1/energy/slots/" + traded, "auditor").status()).isEqualTo(200);
    assertThat(figures.get("tradedKwh").decimalValue()).isEqualByComparingTo("1");
    assertThat(figures.get("averagePrice").decimalValue()).isEqualByComparingTo("160");
    assertThat(figures.get("householdSavings").decimalValue()).isEqualByComparingTo("50");
  }

  @Test
  @Order(3)
  void badSpansAreRefusedNamingTheField() {
    assertThat(
            api.get(
                    "/api/v1/energy/me/trades?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z",
                    "resident")
                .json()
                .get("field")
                .asString())
        .isEqualTo("to");
    assertThat(
            api.get("/api/v1/energy/me/bills/2026-13", "resident").json().get("field").asString())
        .isEqualTo("month");
    assertThat(api.get("/api/v1/energy/slots/2026-01-01T00:07:00Z", "operator").status())
        .isEqualTo(400);
  }

  private static JsonNode line(JsonNode bill, String kind) {
    for (JsonNode line : bill.get("lines")) {
      if (line.get("kind").asString().equals(kind)) {
        return line;
      }
    }
    throw new AssertionError("no line " + kind + " in " + bill);
  }
}
