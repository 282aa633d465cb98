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
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded mutations of valid NGSI-LD notifications, MQTT messages and CSV files through
 * the whole pipeline into PostgreSQL: nothing throws, and every delivery that stores nothing has
 * either a refusal, a quarantine entry or only duplicates and unmapped attributes.
 */
class IngestionFuzzTest {

  private static final Instant NOW = Instant.parse("2024-04-20T09:00:05Z");

  private Ingestion ingestion;
  private DataSource db;

  @BeforeEach
  void setUp() throws Exception {
    db = StoreDatabases.fresh("embedded");
    try (InputStream in = getClass().getResourceAsStream("/mapping/riverton.yaml")) {
      ingestion =
          new Ingestion(
              MappingConfig.load(in),
              new ReadingStore(db, (id, batch) -> {}),
              new NotificationParser(1 << 20, 1_000),
              QualityDefaults.standard(),
              Clock.fixed(NOW, ZoneOffset.UTC));
    }
  }

  @Test
  void mutatedNotificationsMessagesAndFilesAreStoredOrAccountedFor() throws Exception {
    Random random = new Random(42);
    String notification = resource("/ngsild/road-segment-normalized.json");
    String message = "{\"time\": \"2024-04-20T08:55:00Z\", \"depth\": 0.40, \"unit\": \"MMT\"}";
    String csv =
        """
        asset_id,kpi_id,sensor_id,observed_at,value,unit_code
        dma-north-hill,system-input-volume,inlet,2024-03-01T00:00:00Z,125000,MTQ
        dma-north-hill,nrw-percent,balance,2024-03-01T00:00:00Z,27.5,P1
        """;
    long quarantinedBefore = count("reading_quarantine");
    int deliveries = 0;
    List<String> unaccounted = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String mutated = mutate(notification, random);
      IngestReport report =
          ingestion.ngsiLd(
              "ngsi-ld:fuzz", mutated.getBytes(StandardCharsets.UTF_8), java.util.Optional.empty());
      deliveries++;
      if (report.stored() + report.duplicates() + report.quarantined() + report.unmapped() == 0) {
        unaccounted.add(mutated);
      }
    }
    for (int i = 0; i < 1_000; i++) {
      IngestReport report =
          ingestion.mqtt(
              "mqtt:fuzz",
              List.of(
                  new MqttMessage(
                      "riverton/stormwater/gi-rock-creek-a/g" + i + "/rainfall",
                      mutate(message, random).getBytes(StandardCharsets.UTF_8),
                      NOW)));
      deliveries++;
      assertThat(report.stored() + report.duplicates() + report.quarantined()).isEqualTo(1);
    }
    for (int i = 0; i < 1_000; i++) {
      String mutated = mutate(csv, random);
      try {
        BulkReader.read(
            new ByteArrayInputStream(mutated.getBytes(StandardCharsets.UTF_8)),
            BulkFormat.CSV,
            100,
            chunk -> ingestion.bulk("bulk:fuzz", chunk));
      } catch (IllegalArgumentException refusedHeader) {
        assertThat(refusedHeader.getMessage()).startsWith("CSV header");
      }
      deliveries++;
    }
    assertThat(deliveries).isEqualTo(3_000);
    assertThat(unaccounted).isEmpty();
    assertThat(count("reading_quarantine")).isGreaterThan(quarantinedBefore + 500);
  }

  private long count(String table) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private String resource(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String mutate(String text, Random random) {
    StringBuilder s = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && s.length() > 1; e++) {
      int at = random.nextInt(s.length());
      int len = 1 + random.nextInt(Math.min(20, s.length() - at));
      switch (random.nextInt(6)) {
        case 0 -> s.delete(at, at + len);
        case 1 -> s.insert(at, s.substring(at, at + len));
        case 2 -> s.insert(at, "\u0000");
        case 3 -> s.setLength(at);
        case 4 -> s.replace(at, at + len, "1e400");
        default -> s.setCharAt(at, (char) random.nextInt(0x2FFF));
      }
    }
    return s.toString();
  }
}
