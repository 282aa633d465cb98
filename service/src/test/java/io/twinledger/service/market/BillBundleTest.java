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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/energy/me/bills/{month}/bundle} on the whole service: four slots of a village
 * of three households cleared on the embedded peer (readings, orders signed by each household,
 * clearing), then the resident's bundle fetched over HTTP and checked by the offline verifier. The
 * bundle is also written to {@code target/bill-bundles/}, whence the verifier's test fixture {@code
 * reporting/verifier/src/test/resources/bill/demo-bill.json.gz} was copied.
 */
@OnEmbeddedDb
@TestPropertySource(
    properties = {
      "twinledger.energy.households[0].id=hh-a",
      "twinledger.energy.households[0].resident=resident",
      "twinledger.energy.households[1].id=hh-b",
      "twinledger.energy.households[1].resident=resident02",
      "twinledger.energy.households[2].id=hh-c",
      "twinledger.energy.households[2].resident=resident03",
      // The schedule stays idle: the test clears its own slots.
      "twinledger.energy.run-every=PT1H"
    })
class BillBundleTest {

  /** Four slots of November 2026 in Seoul: a sunny noon (trades) and an evening (none). */
  static final List<SlotId> SLOTS =
      List.of(
          SlotId.parse("2026-11-03T03:00:00Z"),
          SlotId.parse("2026-11-03T03:15:00Z"),
          SlotId.parse("2026-11-03T10:00:00Z"),
          SlotId.parse("2026-11-03T10:15:00Z"));

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
    synchronized (BillBundleTest.class) {
      if (cleared) {
        return;
      }
      EnergyMarketLedger ledger = market.ledger().orElseThrow();
      if (ledger.market().isEmpty()) {
        ledger.configure(properties.terms());
      }
      for (String household : List.of("hh-a", "hh-b", "hh-c")) {
        ledger.register(household, market.identities().apply(household));
      }
      for (int i = 0; i < SLOTS.size(); i++) {
        SlotId slot = SLOTS.get(i);
        boolean noon = i < 2;
        List<MeteredPosition> positions =
            List.of(
                position("hh-a", noon ? "0" : "0.4" + i, noon ? "0.75" + i : "0"),
                position("hh-b", noon ? "0.31" + i : "0.2", "0"),
                position("hh-c", noon ? "0.2" : "0", noon ? "0" : "0.1"));
        ledger.recordReadings(slot, positions);
        for (MeteredPosition p : positions) {
          if (p.netKwh().signum() != 0) {
            ledger.submitOrder(p.participant(), slot);
          }
        }
        EnergyMarketLedger.Committed<SlotClearing> clearing = ledger.clear(slot);
        book.record(clearing.value(), clearing.blockNumber());
      }
      cleared = true;
    }
  }

  @Test
  void aResidentGetsTheirOwnHouseholdsBillWhichVerifiesOffline() throws Exception {
    HttpResponse<byte[]> answer = get("/api/v1/energy/me/bills/2026-11/bundle", "resident");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/gzip");
    assertThat(answer.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("bill-hh-a-2026-11.json.gz");
    byte[] bytes = gunzip(answer.body());
    BillBundle bundle = BillJson.read(bytes);
    assertThat(bundle.household()).isEqualTo("hh-a");
    assertThat(bundle.slots())
        .extracting(BillBundle.Slot::slot)
        .containsExactly(SLOTS.stream().map(SlotId::toString).toArray(String[]::new));
    // The household's own readings, and nobody else's.
    assertThat(bundle.slots().getFirst().reading())
        .isEqualTo(new BillBundle.Reading("0.000", "0.750"));
    assertThat(bundle.slots())
        .allSatisfy(s -> assertThat(s.account().participant()).isEqualTo("hh-a"));
    assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\"importKwh\":\"0.310\"");

    Verification verification = new BillVerifier(Consortium::twinLedger).verify(bundle);

    assertThat(verification.failures()).isEmpty();
    assertThat(verification.findings()).hasSize(1 + SLOTS.size() + 1 + 6 + 1);
    Path out = Path.of("target", "bill-bundles", "bill-hh-a-2026-11.json.gz");
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
    assertThat(get("/api/v1/energy/me/bills/2026-11/bundle?household=hh-b", "resident").body())
        .satisfies(body -> assertThat(BillJson.read(gunzip(body)).household()).isEqualTo("hh-a"));
    assertThat(get("/api/v1/energy/me/bills/2026-11/bundle", null).statusCode()).isEqualTo(401);
  }

  private static MeteredPosition position(String household, String importKwh, String exportKwh) {
    return new MeteredPosition(household, new BigDecimal(importKwh), new BigDecimal(exportKwh));
  }

  private HttpResponse<byte[]> get(String path, String user) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
  }

  private static byte[] gunzip(byte[] gzip) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }
}
