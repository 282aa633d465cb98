package io.twinledger.twin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.twin.bulk.BulkFormat;
import io.twinledger.twin.bulk.BulkReader;
import io.twinledger.twin.mapping.MappingConfig;
import io.twinledger.twin.mqtt.MqttMessage;
import io.twinledger.twin.ngsild.NotificationParser;
import io.twinledger.twin.store.ReadingStore;
import io.twinledger.twin.store.StoreDatabases;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole pipeline on the Riverton mapping and a real PostgreSQL. */
class IngestionTest {

  private static final Instant NOW = Instant.parse("2024-04-20T09:00:05Z");

  private DataSource db;
  private Ingestion ingestion;
  private final List<String> announcedDigests = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    db = StoreDatabases.fresh("embedded");
    ingestion =
        riverton(new ReadingStore(db, (id, batch) -> announcedDigests.add(batch.digestHex())), NOW);
  }

  /** The pipeline on the Riverton mapping, standard quality defaults and a clock fixed at now. */
  static Ingestion riverton(ReadingStore store, Instant now) throws Exception {
    MappingConfig mapping;
    try (InputStream in = IngestionTest.class.getResourceAsStream("/mapping/riverton.yaml")) {
      mapping = MappingConfig.load(in);
    }
    return new Ingestion(
        mapping,
        store,
        new NotificationParser(1 << 20, 1_000),
        QualityDefaults.standard(),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aNotificationIsStoredOnceAndItsTextPropertiesAreNotQuarantined() throws Exception {
    byte[] body = resource("/ngsild/road-segment-normalized.json");

    IngestReport first = ingestion.ngsiLd("ngsi-ld:orion", body, Optional.empty());

    // iri and rutDepth of two segments are mapped; pci, name and roadClass are not.
    assertThat(first.stored()).isEqualTo(4);
    assertThat(first.quarantined()).isZero();
    assertThat(first.unmapped()).isGreaterThanOrEqualTo(2);
    assertThat(first.batchDigest()).isPresent();
    assertThat(announcedDigests).containsExactly(first.batchDigest().get());
    assertThat(rows("SELECT sensor_id || ' ' || value || ' ' || unit FROM reading ORDER BY 1"))
        .contains("urn:ngsi-ld:RoadSegment:riverton:road-a12-s01/iri 1.62 NX");

    IngestReport again = ingestion.ngsiLd("ngsi-ld:orion", body, Optional.empty());
    assertThat(again.stored()).isZero();
    assertThat(again.duplicates()).isEqualTo(4);
    assertThat(again.batchId()).isEmpty();
  }

  @Test
  void aMalformedNotificationIsQuarantinedWithItsReasonAndBody() throws Exception {
    byte[] body = resource("/ngsild/truncated.json");

    IngestReport report = ingestion.ngsiLd("ngsi-ld:orion", body, Optional.empty());

    assertThat(report.stored()).isZero();
    assertThat(report.quarantined()).isEqualTo(1);
    assertThat(report.refusal()).isPresent();
    assertThat(rows("SELECT raw_payload FROM reading_quarantine"))
        .containsExactly(new String(body, StandardCharsets.UTF_8));
    assertThat(rows("SELECT reason FROM reading_quarantine").get(0)).isNotBlank();
  }

  /**
   * The entities carry no number the mapping binds, so nothing but the mapping (by entity type) can
   * tell that their bad attributes matter: those used to count as unmapped and vanish.
   */
  @Test
  void mappedAttributesThatGiveNoNumberAreQuarantinedAndEveryAttributeIsNamed() throws Exception {
    String s01 = "urn:ngsi-ld:RoadSegment:riverton:road-a12-s01";
    String s02 = "urn:ngsi-ld:RoadSegment:riverton:road-a12-s02";
    byte[] body =
        ("""
            {"id": "urn:ngsi-ld:Notification:bad-attributes", "type": "Notification",
             "subscriptionId": "urn:ngsi-ld:Subscription:a12",
             "notifiedAt": "2024-04-20T09:00:00Z",
             "data": [
              {"id": "%s", "type": "RoadSegment",
               "iri": {"type": "Property", "value": "1.6", "observedAt": "2024-04-20T08:55:00Z"},
               "rutDepth": {"type": "Property", "value": true, "observedAt": "2024-04-20T08:55:00Z"},
               "name": {"type": "Property", "value": "A12 north"}},
              {"id": "%s", "type": "RoadSegment",
               "iri": {"type": "Property", "value": 1.7, "observedAt": "yesterday"},
               "rutDepth": {"type": "Relationship", "object": "urn:ngsi-ld:Survey:1"},
               "pci": {"type": "Property", "value": 71, "observedAt": "2024-04-20T08:55:00Z"}}
             ]}
            """)
            .formatted(s01, s02)
            .getBytes(StandardCharsets.UTF_8);

    IngestReport report = ingestion.ngsiLd("ngsi-ld:orion", body, Optional.empty());

    assertThat(report.stored()).isZero();
    assertThat(report.quarantined()).isEqualTo(4);
    assertThat(report.unmapped()).isEqualTo(2);
    assertThat(report.quarantinedAttributes())
        .extracting(n -> n.entity().orElseThrow() + " " + n.attribute().orElseThrow())
        .containsExactlyInAnyOrder(
            s01 + " iri", s01 + " rutDepth", s02 + " iri", s02 + " rutDepth");
    assertThat(report.ignoredAttributes())
        .extracting(n -> n.attribute().orElseThrow() + ": " + n.reason())
        .containsExactlyInAnyOrder(
            "name: not in the mapping (data[0].name.value: is the text 'A12 north', not a number)",
            "pci: not in the mapping");
    assertThat(report.unlistedAttributes()).isZero();
    assertThat(rows("SELECT reason FROM reading_quarantine ORDER BY reason"))
        .containsExactly(
            s01
                + " iri: data[0].iri.value: is the text '1.6'; numbers must be sent as JSON numbers",
            s01 + " rutDepth: data[0].rutDepth.value: is a boolean, not a number",
            s02
                + " iri: data[1].iri.observedAt: is not an ISO 8601 date-time with offset: 'yesterday'",
            s02 + " rutDepth: data[1].rutDepth: Relationship is not a measurement");
    assertThat(rows("SELECT raw_payload FROM reading_quarantine ORDER BY reason").get(1))
        .isEqualTo(
            "{\"type\":\"Property\",\"value\":true,\"observedAt\":\"2024-04-20T08:55:00Z\"}");
  }

  @Test
  void theAttributeListsOfTheReportAreBounded() throws Exception {
    StringBuilder entities = new StringBuilder();
    int count = IngestReport.MAX_LISTED + 20;
    for (int i = 0; i < count; i++) {
      entities
          .append(i == 0 ? "" : ",")
          .append("{\"id\": \"urn:ngsi-ld:Thing:")
          .append(i)
          .append("\", \"type\": \"Thing\", \"colour\": \"red\"}");
    }
    byte[] body =
        ("{\"id\": \"urn:ngsi-ld:Notification:many\", \"type\": \"Notification\","
                + " \"subscriptionId\": \"urn:ngsi-ld:Subscription:x\","
                + " \"notifiedAt\": \"2024-04-20T09:00:00Z\", \"data\": ["
                + entities
                + "]}")
            .getBytes(StandardCharsets.UTF_8);

    IngestReport report = ingestion.ngsiLd("ngsi-ld:orion", body, Optional.empty());

    assertThat(report.unmapped()).isEqualTo(count);
    assertThat(report.ignoredAttributes()).hasSize(IngestReport.MAX_LISTED);
    assertThat(report.unlistedAttributes()).isEqualTo(20);
  }

  @Test
  void mqttMessagesAreRoutedByTopicAndBadOnesQuarantined() throws Exception {
    List<MqttMessage> messages =
        List.of(
            message(
                "riverton/stormwater/gi-rock-creek-a/gauge-1/rainfall",
                "{\"time\": \"2024-04-20T08:55:00Z\", \"depth\": 0.40, \"unit\": \"MMT\"}"),
            message(
                "riverton/stormwater/gi-rock-creek-a/gauge-2/rainfall",
                "{\"time\": \"2024-04-20T08:55:00Z\", \"depth\": 4, \"unit\": \"CMT\"}"),
            message("riverton/unknown/topic", "{}"),
            message("riverton/stormwater/gi-rock-creek-a/gauge-1/rainfall", "{\"depth\": 1}"),
            message(
                "riverton/stormwater/gi-rock-creek-a/gauge-3/rainfall",
                "{\"time\": \"2024-04-20T08:55:00Z\", \"depth\": -1, \"unit\": \"MMT\"}"),
            message("riverton/stormwater/gi-rock-creek-a/gauge-3/rainfall", "not json"));

    IngestReport report = ingestion.mqtt("mqtt:riverton", messages);

    assertThat(report.stored()).isEqualTo(2);
    assertThat(report.quarantined()).isEqualTo(4);
    assertThat(
            rows(
                "SELECT value || ' ' || unit || ' from ' || original_value || ' '"
                    + " || original_unit FROM reading ORDER BY sensor_id"))
        .containsExactly("0.4 MMT from 0.4 MMT", "40 MMT from 4 CMT");
    assertThat(rows("SELECT reason FROM reading_quarantine ORDER BY quarantine_id"))
        .anySatisfy(r -> assertThat(r).contains("no mapping for topic riverton/unknown/topic"))
        .anySatisfy(r -> assertThat(r).contains("no ISO-8601 observation time at /time"))
        .anySatisfy(r -> assertThat(r).contains("outside the physical range"))
        .anySatisfy(r -> assertThat(r).contains("is not JSON"));
  }

  @Test
  void aStationPublishingTwoValuesInOnePayloadStoresBoth() throws Exception {
    MappingConfig stations =
        MappingConfig.load(
            new ByteArrayInputStream(
                """
                version: 1
                sources:
                  - mqtt: {topic: riverton/stations/+, observedAt: /time}
                    asset: gi-rock-creek-a
                    attributes:
                      rain: {kpi: rainfall-depth, unit: MMT, sourceUnit: MMT}
                      level: {kpi: creek-level, unit: MTR, sourceUnit: CMT}
                """
                    .getBytes(StandardCharsets.UTF_8)));
    Ingestion pipeline =
        new Ingestion(
            stations,
            new ReadingStore(db, (id, batch) -> {}),
            new NotificationParser(1 << 20, 1_000),
            QualityDefaults.standard(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    IngestReport report =
        pipeline.mqtt(
            "mqtt:riverton",
            List.of(
                message(
                    "riverton/stations/s-1",
                    "{\"time\": \"2024-04-20T08:55:00Z\", \"rain\": 0.2, \"level\": 135}")));

    assertThat(report.stored()).isEqualTo(2);
    assertThat(report.duplicates()).isZero();
    assertThat(rows("SELECT sensor_id || ' ' || value FROM reading ORDER BY sensor_id"))
        .containsExactly("riverton/stations/s-1/level 1.35", "riverton/stations/s-1/rain 0.2");
  }

  @Test
  void bulkChunksStoreMappedRowsAndQuarantineTheRestByLine() throws Exception {
    String csv =
        """
        asset_id,kpi_id,sensor_id,observed_at,value,unit_code
        dma-north-hill,system-input-volume,inlet,2024-03-01T00:00:00Z,125000,MTQ
        dma-north-hill,system-input-volume,inlet,2024-03-02T00:00:00Z,4100000,LTR
        dma-north-hill,water-temperature,inlet,2024-03-01T00:00:00Z,12,CEL
        dma-north-hill,system-input-volume,inlet,not-a-date,1,MTQ
        dma-north-hill,system-input-volume,"inlet",2024-03-03T00:00:00Z,-5,MTQ
        """;
    List<IngestReport> reports = new ArrayList<>();
    BulkReader.read(
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
        BulkFormat.CSV,
        100,
        chunk -> reports.add(ingestion.bulk("bulk:history.csv", chunk)));

    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).stored()).isEqualTo(2);
    assertThat(reports.get(0).quarantined()).isEqualTo(3);
    assertThat(rows("SELECT value FROM reading ORDER BY observed_at"))
        .containsExactly("125000", "4100");
    assertThat(rows("SELECT reason FROM reading_quarantine ORDER BY reason"))
        .containsExactly(
            "line 4: no mapping for dma-north-hill/water-temperature",
            "line 5: observed_at is not an ISO-8601 instant",
            "line 6: inlet: value -5 MTQ is outside the physical range 0..250000");
    // The lines as they stand in the file, quotes and all: not the parsed row.
    assertThat(rows("SELECT raw_payload FROM reading_quarantine ORDER BY reason"))
        .containsExactly(
            "dma-north-hill,water-temperature,inlet,2024-03-01T00:00:00Z,12,CEL",
            "dma-north-hill,system-input-volume,inlet,not-a-date,1,MTQ",
            "dma-north-hill,system-input-volume,\"inlet\",2024-03-03T00:00:00Z,-5,MTQ");
  }

  /**
   * The listener hears each delivery once it is stored: readings stored (not duplicates) and the
   * refusals by cause, the same counts the report gives.
   */
  @Test
  void theListenerHearsStoredReadingsAndQuarantineByCause() throws Exception {
    MappingConfig mapping;
    try (InputStream in = getClass().getResourceAsStream("/mapping/riverton.yaml")) {
      mapping = MappingConfig.load(in);
    }
    List<String> heard = new ArrayList<>();
    Ingestion listened =
        new Ingestion(
            mapping,
            new ReadingStore(db, (id, batch) -> {}),
            new NotificationParser(1 << 20, 1_000),
            QualityDefaults.standard(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            (source, stored, quarantined) -> heard.add(source + " " + stored + " " + quarantined));
    List<MqttMessage> messages =
        List.of(
            message(
                "riverton/stormwater/gi-rock-creek-a/gauge-1/rainfall",
                "{\"time\": \"2024-04-20T08:55:00Z\", \"depth\": 0.40, \"unit\": \"MMT\"}"),
            message("riverton/unknown/topic", "{}"),
            message("riverton/stormwater/gi-rock-creek-a/gauge-1/rainfall", "{\"depth\": 1}"),
            message(
                "riverton/stormwater/gi-rock-creek-a/gauge-3/rainfall",
                "{\"time\": \"2024-04-20T08:55:00Z\", \"depth\": -1, \"unit\": \"MMT\"}"),
            message(
                "riverton/stormwater/gi-rock-creek-a/gauge-3/rainfall",
                "{\"time\": \"2024-04-20T08:55:00Z\", \"depth\": 1, \"unit\": \"XYZ\"}"),
            message("riverton/stormwater/gi-rock-creek-a/gauge-3/rainfall", "not json"));

    IngestReport first = listened.mqtt("mqtt:riverton", messages);
    IngestReport again = listened.mqtt("mqtt:riverton", messages.subList(0, 1));

    assertThat(first.stored()).isEqualTo(1);
    assertThat(again.duplicates()).isEqualTo(1);
    assertThat(heard)
        .containsExactly(
            "mqtt:riverton 1 {UNREADABLE_PAYLOAD=2, UNMAPPED=1, UNIT=1, QUALITY=1}",
            "mqtt:riverton 0 {}");
    assertThat(QuarantineCause.UNREADABLE_PAYLOAD.label()).isEqualTo("unreadable-payload");
  }

  private static MqttMessage message(String topic, String payload) {
    return new MqttMessage(topic, payload.getBytes(StandardCharsets.UTF_8), NOW);
  }

  private byte[] resource(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private List<String> rows(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
