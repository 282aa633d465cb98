package io.twinledger.service.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.energy.SlotClearing;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.slot.SlotId;
import io.twinledger.network.Consortium;
import io.twinledger.reporting.bill.BillBundle;
import io.twinledger.reporting.bill.BillJson;
import io.twinledger.reporting.bill.BillVerifier;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/energy/me/bills/{month}/bundle} on the whole service: four slots of a village
 * of three households cleared on the embedded peer (readings, orders signed by each household,
 * clearing), then the resident's bundle fetched over HTTP and checked by the offline verifier. The
 * bundle is also written to {@code target/bill-bundles/}, whence the verifier's test fixture {@code
 * reporting/verifier/src/test/resources/bill/demo-bill.json.gz} was copied.
 */
@OnEmbeddedDb
class BillBundleTest {

  /** Four slots of November 2026 in Seoul: a sunny noon (trades) and an evening (none). */
  static final List<SlotId> SLOTS =
      List.of(
          SlotId.parse("2026-11-03T03:00:00Z"),
          SlotId.parse("2026-11-03T03:15:00Z"),
          SlotId.parse("2026-11-03T10:00:00Z"),
          SlotId.parse("2026-11-03T10:15:00Z"));

  /**
   * A slot of the same evening in which no household was metered: cleared, in no bill, and left out
   * of the community energy report, to which it adds nothing.
   */
  static final SlotId UNMETERED = SlotId.parse("2026-11-03T10:30:00Z");

  private static boolean cleared;

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired VillageMarket market;
  @Autowired MarketBook book;
  @Autowired MarketProperties properties;

  private Api api;

  @BeforeEach
  void fourClearedSlots() {
    api = new Api(port, json);
    clearSlots(market, book, properties);
  }

  /**
   * Clears {@link #SLOTS} and {@link #UNMETERED} on the embedded peer and records them in the book,
   * once per test context: a slot clears only once.
   */
  static void clearSlots(VillageMarket market, MarketBook book, MarketProperties properties) {
    synchronized (BillBundleTest.class) {
      if (cleared) {
        return;
      }
      EnergyMarketLedger ledger = market.ledger().orElseThrow();
      if (ledger.market().isEmpty()) {
        ledger.configure(properties.terms());
      }
      for (String household : List.of("household-01", "household-02", "household-03")) {
        ledger.register(household, market.identities().apply(household));
      }
      for (int i = 0; i < SLOTS.size(); i++) {
        SlotId slot = SLOTS.get(i);
        boolean noon = i < 2;
        List<MeteredPosition> positions =
            List.of(
                position("household-01", noon ? "0" : "0.4" + i, noon ? "0.75" + i : "0"),
                position("household-02", noon ? "0.31" + i : "0.2", "0"),
                position("household-03", noon ? "0.2" : "0", noon ? "0" : "0.1"));
        ledger.recordReadings(slot, positions);
        for (MeteredPosition p : positions) {
          if (p.netKwh().signum() != 0) {
            ledger.submitOrder(p.participant(), slot);
          }
        }
        EnergyMarketLedger.Committed<SlotClearing> clearing = ledger.clear(slot);
        book.record(clearing.value(), clearing.blockNumber());
      }
      EnergyMarketLedger.Committed<SlotClearing> unmetered = ledger.clear(UNMETERED);
      book.record(unmetered.value(), unmetered.blockNumber());
      cleared = true;
    }
  }

  @Test
  void aResidentGetsTheirOwnHouseholdsBillWhichVerifiesOffline() throws Exception {
    HttpResponse<byte[]> answer = get("/api/v1/energy/me/bills/2026-11/bundle", "resident");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/gzip");
    assertThat(answer.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("bill-household-01-2026-11.json.gz");
    byte[] bytes = Api.gunzip(answer.body());
    BillBundle bundle = BillJson.read(bytes);
    assertThat(bundle.household()).isEqualTo("household-01");
    assertThat(bundle.slots())
        .extracting(BillBundle.Slot::slot)
        .containsExactly(SLOTS.stream().map(SlotId::toString).toArray(String[]::new));
    // The household's own readings, and nobody else's.
    assertThat(bundle.slots().getFirst().reading())
        .isEqualTo(new BillBundle.Reading("0.000", "0.750"));
    assertThat(bundle.slots())
        .allSatisfy(s -> assertThat(s.account().participant()).isEqualTo("household-01"));
    assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\"importKwh\":\"0.310\"");

    Verification verification = new BillVerifier(Consortium::twinLedger).verify(bundle);

    assertThat(verification.failures()).isEmpty();
    assertThat(verification.findings()).hasSize(1 + SLOTS.size() + 1 + 6 + 1);
    Path out = Path.of("target", "bill-bundles", "bill-household-01-2026-11.json.gz");
    Files.createDirectories(out.getParent());
    Files.write(out, answer.body());
  }

  @Test
  void aMonthIsYyyyMmAndOnlyTheResidentsOwn() throws Exception {
    HttpResponse<byte[]> bad = get("/api/v1/energy/me/bills/2026-13/bundle", "resident");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new String(bad.body(), StandardCharsets.UTF_8))
        .contains("invalid-field")
        .contains("month");

    assertThat(get("/api/v1/energy/me/bills/2026-10/bundle", "resident").statusCode())
        .isEqualTo(404);
    // Other roles have no household; the household is never a parameter.
    assertThat(get("/api/v1/energy/me/bills/2026-11/bundle", "operator").statusCode())
        .isEqualTo(403);
    assertThat(
            get("/api/v1/energy/me/bills/2026-11/bundle?household=household-02", "resident").body())
        .satisfies(
            body ->
                assertThat(BillJson.read(Api.gunzip(body)).household()).isEqualTo("household-01"));
    assertThat(get("/api/v1/energy/me/bills/2026-11/bundle", null).statusCode()).isEqualTo(401);
  }

  private static MeteredPosition position(String household, String importKwh, String exportKwh) {
    return new MeteredPosition(household, new BigDecimal(importKwh), new BigDecimal(exportKwh));
  }

  private HttpResponse<byte[]> get(String path, String user) {
    return api.download(path, user);
  }
}
