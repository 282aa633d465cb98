package io.twinledger.service.demo.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.twinledger.market.simulation.meter.MeterReading;
import io.twinledger.network.Consortium;
import io.twinledger.reporting.bill.BillBundle;
import io.twinledger.reporting.bill.BillJson;
import io.twinledger.reporting.bill.BillVerifier;
import io.twinledger.reporting.evidence.Finding;
import io.twinledger.reporting.evidence.Verification;
import io.twinledger.reporting.report.ReportBundleJson;
import io.twinledger.reporting.report.ReportVerifier;
import io.twinledger.service.demo.village.SampleVillage;
import io.twinledger.service.market.MarketBook;
import io.twinledger.service.market.MarketProperties;
import io.twinledger.service.market.MeterPositions;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.TestDatabaseInitializers;
import io.twinledger.service.twin.broker.LocalMqttBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's village in the real service: the market configured with the sample village, and its
 * meters' readings fed through the mapping's real paths (a day: the first 22 hours as a bulk file,
 * the last two hours over the embedded MQTT broker and the NGSI-LD endpoint, then live), stored
 * under the 56 households with the generator's values. Meters of households the village does not
 * have are refused on both live paths. The market clears the fed slots on the embedded peer, with
 * the community battery, and every slot it recorded is cleared again and checked for conservation
 * from the ledger's blocks by the offline verifier.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "twinledger.demo.feed.enabled=true",
      "twinledger.demo.bonds.enabled=false",
      "twinledger.demo.village.enabled=true",
      "twinledger.demo.feed.history=P1D",
      "twinledger.demo.feed.replay=PT2H",
      "twinledger.demo.feed.tick=PT1S",
      "twinledger.twin.close-every=PT1H",
      "twinledger.twin.mqtt.client-id=twinledger-village-it-${random.uuid}"
    })
@ActiveProfiles("demo")
@ContextConfiguration(initializers = TestDatabaseInitializers.Embedded.class)
@DirtiesContext
class VillageFeedTest {

  private static final List<String> REGISTERS =
      List.of(MeterPositions.IMPORT, MeterPositions.EXPORT);

  /** A data directory of its own: the feed's progress file must not be another run's. */
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void brokerPortAndDataDir(DynamicPropertyRegistry registry) {
    registry.add("twinledger.twin.mqtt.embedded-port", VillageFeedTest::freePort);
    registry.add("twinledger.data-dir", () -> dataDir.toString());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Autowired DemoFeed feed;
  @Autowired DemoFeedProperties feedProperties;
  @Autowired DemoVillageProperties villageProperties;
  @Autowired MarketProperties market;
  @Autowired LocalMqttBroker broker;
  @Autowired JdbcClient jdbc;
  @Autowired MarketBook book;
  @Autowired JsonMapper json;
  @LocalServerPort int port;

  @Test
  void theDemoConfiguresTheVillagesMarket() {
    assertThat(market.households()).hasSize(56).isEqualTo(SampleVillage.households());
    assertThat(market.households().getFirst())
        .isEqualTo(new MarketProperties.HouseholdEntry("household-01", "resident"));
    assertThat(market.households().getLast())
        .isEqualTo(new MarketProperties.HouseholdEntry("household-56", "resident56"));
    assertThat(market.battery().id()).isEqualTo("community-battery");
    assertThat(market.opens()).contains(SampleVillage.opens(Instant.now(), market.zone()));
  }

  @Test
  void aDayOfTheVillagesMetersIsStoredUnderTheHouseholdsThroughEachPath() {
    Instant started = Instant.now();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> feed.phase() == DemoFeed.Phase.LIVE);
    Instant liveFrom = feed.fedUntil().orElseThrow();
    // The feed started within the service's start-up; a margin keeps the window inside its day.
    Instant from = started.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(5));
    Instant replayFrom = liveFrom.minus(Duration.ofHours(2));
    VillageMeterReadings meters =
        VillageMeterReadings.from(
            feedProperties.seed(), market.opens().orElseThrow().minus(villageProperties.leadIn()));
    List<MeterReading> expected = meters.taken(from, liveFrom);
    assertThat(expected).hasSizeGreaterThan(56 * 4 * 20);

    Map<String, Stored> stored = stored(from, liveFrom);
    Set<String> households = new TreeSet<>();
    Map<String, Integer> bySource = new HashMap<>();
    for (MeterReading reading : expected) {
      for (String kpi : REGISTERS) {
        Stored row = stored.get(key(reading.household(), kpi, reading.at()));
        assertThat(row).as("%s %s at %s", reading.household(), kpi, reading.at()).isNotNull();
        BigDecimal value =
            kpi.equals(MeterPositions.IMPORT) ? reading.importKwh() : reading.exportKwh();
        assertThat(row.value()).isEqualByComparingTo(value);
        assertThat(row.unit()).isEqualTo("KWH");
        households.add(reading.household());
        String kind = kind(row.source());
        bySource.merge(kind, 1, Integer::sum);
        if (reading.at().isBefore(replayFrom.minus(Duration.ofMinutes(5)))) {
          assertThat(kind).as("history: %s", row).isEqualTo("bulk");
        } else if (reading.at().isAfter(replayFrom.plus(Duration.ofMinutes(5)))) {
          assertThat(kind)
              .as("replay: %s", row)
              .isEqualTo(VillageMeterReadings.overMqtt(reading.household()) ? "mqtt" : "ngsi-ld");
        }
      }
    }
    assertThat(households).hasSize(56).first().isEqualTo("household-01");
    assertThat(bySource).containsOnlyKeys("bulk", "mqtt", "ngsi-ld");
    assertThat(
            stored.values().stream()
                .filter(s -> s.source().startsWith("mqtt:"))
                .map(Stored::sensorId)
                .filter(id -> id.equals("riverton/village/household-01/meter/import"))
                .findAny())
        .as("an MQTT meter's import register is its own sensor")
        .isPresent();
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM reading_quarantine WHERE source LIKE"
                        + " 'bulk:riverton-village-%' OR raw_payload LIKE '%riverton/village/%'"
                        + " OR raw_payload LIKE '%ElectricityMeter%'")
                .query(Long.class)
                .single())
        .as("nothing the feed sent was refused")
        .isZero();
  }

  /**
   * Conservation on every slot of the demo's ledger: each slot the market recorded is in the first
   * resident's bill bundle of its month (every household has an account in every slot), whose
   * verification clears the slot's book again from the clearing transaction in its block, settles
   * all 56 households and the battery, and checks that energy and money are conserved.
   */
  @Test
  void everySlotTheMarketClearedOnTheLedgerConservesEnergyAndMoney() throws Exception {
    List<MarketBook.RecordedSlot> recorded = awaitRecordedSlots();
    Set<YearMonth> months = months(recorded);
    assertThat(recorded)
        .as("the battery charged or discharged")
        .anySatisfy(
            r ->
                assertThat(new BigDecimal(r.clearing().batteryAfterKwh()))
                    .isNotEqualByComparingTo(r.clearing().batteryBeforeKwh()));

    Set<String> verified = new TreeSet<>();
    for (YearMonth month : months) {
      HttpResponse<byte[]> answer =
          new Api(port, json).download("/api/v1/energy/me/bills/" + month + "/bundle", "resident");
      assertThat(answer.statusCode()).as(month.toString()).isEqualTo(200);
      BillBundle bundle = BillJson.read(Api.gunzip(answer.body()));

      Verification verification = new BillVerifier(Consortium::twinLedger).verify(bundle);

      assertThat(verification.failures()).as(month.toString()).isEmpty();
      bundle.slots().forEach(slot -> verified.add(slot.slot()));
    }
    assertThat(verified).containsAll(recorded.stream().map(r -> r.clearing().slot()).toList());
  }

  /**
   * The community energy report of each month the market cleared slots in, issued and verified
   * offline: the battery its figures state is the one the slots' clearing transactions wrote, which
   * the verifier reads from their blocks.
   */
  @Test
  void theCommunityEnergyReportStatesTheBatteryTheLedgerClearedWith() throws Exception {
    Api api = new Api(port, json);
    for (YearMonth month : months(awaitRecordedSlots())) {
      var issued =
          api.post(
              "/api/v1/reports",
              "officer",
              "{\"type\": \"community-energy\", \"month\": \"" + month + "\"}");
      assertThat(issued.status()).as(issued.body()).isEqualTo(201);
      HttpResponse<byte[]> bundle =
          api.download(
              "/api/v1/reports/" + issued.json().get("reportId").asString() + "/bundle", "auditor");
      assertThat(bundle.statusCode()).as(new String(bundle.body())).isEqualTo(200);

      Verification verification =
          new ReportVerifier(Consortium::twinLedger).verify(ReportBundleJson.read(bundle.body()));

      List<String> lines = verification.findings().stream().map(Finding::line).toList();
      assertThat(verification.failures()).as(lines.toString()).isEmpty();
      assertThat(lines)
          .anyMatch(
              l ->
                  l.startsWith("input slot.")
                      && l.endsWith("with battery " + market.battery().id()))
          .anyMatch(l -> l.startsWith("figure community.battery-discharged-kwh: ok"));
    }
  }

  /** The slots the market recorded, once it has recorded half a day of them. */
  private List<MarketBook.RecordedSlot> awaitRecordedSlots() {
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> recordedSlots().size() >= 4 * 12);
    return recordedSlots();
  }

  /** The village's months of {@code recorded}. */
  private Set<YearMonth> months(List<MarketBook.RecordedSlot> recorded) {
    Set<YearMonth> months = new TreeSet<>();
    recorded.forEach(
        r -> months.add(YearMonth.from(Instant.parse(r.clearing().slot()).atZone(market.zone()))));
    return months;
  }

  private List<MarketBook.RecordedSlot> recordedSlots() {
    return book.recorded(Instant.now().minus(Duration.ofDays(40)), Instant.now());
  }

  @Test
  void aMeterOfAHouseholdTheVillageDoesNotHaveIsRefusedOverMqtt() {
    Instant at = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
    Mqtt5BlockingClient meter =
        Mqtt5Client.builder()
            .identifier("village-it-" + UUID.randomUUID())
            .serverHost(broker.host())
            .serverPort(broker.port())
            .buildBlocking();
    meter.connect();
    try {
      for (String household : List.of("household-57", "household-xx", "household-02")) {
        meter
            .publishWith()
            .topic("riverton/village/" + household + "/meter")
            .qos(MqttQos.AT_LEAST_ONCE)
            .payload(
                ("{\"time\": \""
                        + at
                        + "\", \"import\": 12.345, \"export\": 3.210, \"unit\": \"KWH\"}")
                    .getBytes(StandardCharsets.UTF_8))
            .send();
      }
    } finally {
      meter.disconnect();
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> !stored("household-02", at).isEmpty());
    assertThat(stored("household-02", at))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                MeterPositions.IMPORT, new BigDecimal("12.345"),
                MeterPositions.EXPORT, new BigDecimal("3.21")));
    assertThat(storedUnder("household-57")).isZero();
    assertThat(storedUnder("household-xx")).isZero();
    for (String household : List.of("household-57", "household-xx")) {
      assertThat(
              jdbc.sql("SELECT count(*) FROM reading_quarantine WHERE reason = :reason")
                  .param("reason", "no mapping for topic riverton/village/" + household + "/meter")
                  .query(Long.class)
                  .single())
          .as(household)
          .isOne();
    }
  }

  @Test
  void aMeterOfAHouseholdTheVillageDoesNotHaveIsRefusedOverNgsiLd() {
    Instant at = Instant.now().minus(Duration.ofDays(4)).truncatedTo(ChronoUnit.SECONDS);
    String notification =
        """
        {"id": "urn:ngsi-ld:Notification:village-it", "type": "Notification",
         "subscriptionId": "urn:ngsi-ld:Subscription:village-it",
         "notifiedAt": "%1$s",
         "data": [%2$s, %3$s]}
        """
            .formatted(at, meterEntity("household-57", at), meterEntity("household-53", at));

    Api.Response reply =
        new Api(port, json)
            .send("POST", "/api/v1/twin/ngsi-ld/notifications", "operator", notification);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().get("stored").asInt()).isEqualTo(2);
    assertThat(reply.json().get("unmapped").asInt()).isEqualTo(2);
    assertThat(reply.json().get("ignoredAttributes").findValuesAsString("entity"))
        .containsOnly("urn:ngsi-ld:ElectricityMeter:riverton:household-57");
    assertThat(stored("household-53", at))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                MeterPositions.IMPORT, new BigDecimal("1234.567"),
                MeterPositions.EXPORT, new BigDecimal("89.012")));
    assertThat(storedUnder("household-57")).isZero();
  }

  private static String meterEntity(String household, Instant at) {
    return """
        {"id": "urn:ngsi-ld:ElectricityMeter:riverton:%1$s", "type": "ElectricityMeter",
         "importRegister": {"type": "Property", "value": 1234.567, "observedAt": "%2$s",
           "unitCode": "KWH"},
         "exportRegister": {"type": "Property", "value": 89.012, "observedAt": "%2$s",
           "unitCode": "KWH"}}
        """
        .formatted(household, at);
  }

  /** A household's registers read at one time, by KPI, without trailing zeros. */
  private Map<String, BigDecimal> stored(String household, Instant at) {
    Map<String, BigDecimal> values = new HashMap<>();
    jdbc.sql("SELECT kpi_id, value FROM reading WHERE asset_id = :asset AND observed_at = :at")
        .param("asset", household)
        .param("at", Timestamp.from(at))
        .query(
            (rs, n) ->
                Map.entry(rs.getString("kpi_id"), rs.getBigDecimal("value").stripTrailingZeros()))
        .list()
        .forEach(e -> values.put(e.getKey(), e.getValue()));
    return values;
  }

  private long storedUnder(String asset) {
    return jdbc.sql("SELECT count(*) FROM reading WHERE asset_id = :asset")
        .param("asset", asset)
        .query(Long.class)
        .single();
  }

  /** The village's register readings in {@code [from, to)}, by household, KPI and time. */
  private Map<String, Stored> stored(Instant from, Instant to) {
    Map<String, Stored> rows = new HashMap<>();
    jdbc.sql(
            """
            SELECT source, sensor_id, asset_id, kpi_id, observed_at, value, unit FROM reading
            WHERE kpi_id IN (:kpis) AND observed_at >= :from AND observed_at < :to
            """)
        .param("kpis", REGISTERS)
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query(
            (rs, n) ->
                new Stored(
                    rs.getString("source"),
                    rs.getString("sensor_id"),
                    rs.getString("asset_id"),
                    rs.getString("kpi_id"),
                    rs.getTimestamp("observed_at").toInstant(),
                    rs.getBigDecimal("value"),
                    rs.getString("unit")))
        .list()
        .forEach(row -> rows.put(key(row.assetId(), row.kpiId(), row.observedAt()), row));
    return rows;
  }

  private static String key(String household, String kpi, Instant at) {
    return household + " " + kpi + " " + at;
  }

  private static String kind(String source) {
    if (source.startsWith("bulk:riverton-village-")) {
      return "bulk";
    }
    if (source.startsWith("mqtt:")) {
      return "mqtt";
    }
    return source.equals("ngsi-ld:riverton") ? "ngsi-ld" : source;
  }

  private record Stored(
      String source,
      String sensorId,
      String assetId,
      String kpiId,
      Instant observedAt,
      BigDecimal value,
      String unit) {}
}
