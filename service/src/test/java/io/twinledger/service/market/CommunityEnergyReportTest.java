package io.twinledger.service.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.network.Consortium;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.reporting.report.ReportBundleJson;
import io.twinledger.reporting.report.ReportVerifier;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The village's community energy report issued through {@code POST /api/v1/reports} over the slots
 * {@link BillBundleTest} clears on the embedded peer, its bundle downloaded and verified offline:
 * each slot's clearing transaction and every {@code community-month} figure. The slot in which no
 * household was metered is left out.
 */
@OnEmbeddedDb
class CommunityEnergyReportTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  @Autowired VillageMarket market;
  @Autowired MarketBook book;
  @Autowired MarketProperties properties;

  private Api api;

  @BeforeEach
  void clearedSlots() {
    api = new Api(port, json);
    BillBundleTest.clearSlots(market, book, properties);
  }

  @Test
  void theMonthsReportVerifiesOfflineSlotBySlotAndFigureByFigure() throws Exception {
    var issued =
        api.post(
            "/api/v1/reports",
            "officer",
            "{\"type\": \"community-energy\", \"month\": \"2026-11\"}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    assertThat(issued.json().get("type").asString()).isEqualTo("community-energy");
    assertThat(issued.json().get("subject").asString()).isEqualTo("village");
    String reportId = issued.json().get("reportId").asString();

    HttpResponse<byte[]> bundle =
        api.download("/api/v1/reports/" + reportId + "/bundle", "investor");
    assertThat(bundle.statusCode()).as(new String(bundle.body())).isEqualTo(200);
    Verification verification =
        new ReportVerifier(Consortium::twinLedger).verify(ReportBundleJson.read(bundle.body()));
    List<String> lines = verification.findings().stream().map(Finding::line).toList();
    assertThat(verification.failures()).as(lines.toString()).isEmpty();
    assertThat(lines)
        .anyMatch(l -> l.startsWith("figure community.traded-kwh: ok"))
        .anyMatch(l -> l.startsWith("input slot.") && l.contains(": ok"));
    String document = api.get("/api/v1/reports/" + reportId, "auditor").body();
    assertThat(document)
        .contains("slot." + BillBundleTest.SLOTS.getFirst(), "in the 1 others no one moved energy")
        .as("the slot in which no one was metered adds nothing and is left out")
        .doesNotContain(BillBundleTest.UNMETERED.toString());
    assertThat(lines.stream().filter(l -> l.startsWith("input slot.")))
        .hasSize(BillBundleTest.SLOTS.size());
  }

  @Test
  void aMonthThatIsNoMonthIsRefusedNamingTheField() {
    var bad =
        api.post(
            "/api/v1/reports",
            "officer",
            "{\"type\": \"community-energy\", \"month\": \"2026-13\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("month");
    var empty =
        api.post(
            "/api/v1/reports",
            "officer",
            "{\"type\": \"community-energy\", \"month\": \"2019-01\"}");
    assertThat(empty.status()).as(empty.body()).isEqualTo(422);
    var byInvestor =
        api.post(
            "/api/v1/reports",
            "investor",
            "{\"type\": \"community-energy\", \"month\": \"2026-11\"}");
    assertThat(byInvestor.status()).isEqualTo(403);
  }
}
