package io.twinledger.twin.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.twinledger.twin.bulk.BulkFormat;
import io.twinledger.twin.mqtt.MqttMessage;
import io.twinledger.twin.store.ReadingStore;
import io.twinledger.twin.store.StoreDatabases;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every channel that parses readings does bounded work per input and refuses what exceeds the
 * bounds as a normal quarantine, on the Riverton mapping and a real PostgreSQL.
 */
class BoundedInputTest {

  private static final Instant NOW = Instant.parse("2024-04-20T09:00:05Z");

  /** 64 characters: "1." and 62 zeros, the value 1, inside every KPI's range used here. */
  private static final String CHARS_64 = "1." + "0".repeat(62);

  private static final String CHARS_65 = CHARS_64 + "0";

  private static final String HEADER = "asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n";

  private DataSource db;
  private Ingestion ingestion;

  @BeforeEach
  void setUp() throws Exception {
    db = StoreDatabases.fresh("embedded");
    ingestion = IngestionTest.riverton(new ReadingStore(db, (id, batch) -> {}), NOW);
  }

  @Test
  void aTwentyMegabyteNumberIsRefusedWithoutParsingIt() throws Exception {
    byte[] digits = new byte[20 << 20];
    Arrays.fill(digits, (byte) '7');
    String before = HEADER + csvRow("inlet", "2024-04-01T00:00:00Z", "1") + "\n";
    String after = "\n" + csvRow("inlet", "2024-04-01T00:15:00Z", "2");
    InputStream file =
        new SequenceInputStream(
            java.util.Collections.enumeration(
                List.of(
                    stream(
                        before
                            + "dma-north-hill,system-input-volume,inlet,"
                            + "2024-04-01T00:05:00Z,"),
                    new ByteArrayInputStream(digits),
                    stream(",MTQ" + after))));

    // Preemptive, so that on code without the bound the test fails instead of running for minutes.
    long[] elapsed = new long[1];
    BulkImport.Totals totals =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> {
              long start = System.nanoTime();
              BulkImport.Totals t = BulkImport.run(ingestion, file, BulkFormat.CSV, 100, "bulk:x");
              elapsed[0] = System.nanoTime() - start;
              return t;
            });

    // Bounded work, not a timing target (that is measured in docs/benchmarks.md, "Bounded input"):
    // the unbounded parse took minutes, a bounded refusal takes well under a second on a quiet
    // machine and a few seconds on a loaded one.
    System.out.printf("refused a 20 MB number in %d ms%n", elapsed[0] / 1_000_000);
    assertThat(Duration.ofNanos(elapsed[0])).isLessThan(Duration.ofSeconds(10));
    assertThat(totals.stored()).isEqualTo(2);
    assertThat(totals.quarantined()).isEqualTo(1);
    assertThat(rows("SELECT reason FROM reading_quarantine"))
        .containsExactly("line 3: line has more than 16384 characters");
    assertThat(rows("SELECT length(raw_payload) FROM reading_quarantine"))
        .allSatisfy(length -> assertThat(Integer.parseInt(length)).isLessThan(1_000));
  }

  @Test
  void aFileThatIsOneHugeNumberIsRefusedAsAWholeUnread() {
    byte[] digits = new byte[20 << 20];
    Arrays.fill(digits, (byte) '9');

    long start = System.nanoTime();
    Throwable refused =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> {
              try {
                BulkImport.run(
                    ingestion, new ByteArrayInputStream(digits), BulkFormat.CSV, 100, "bulk:x");
                return null;
              } catch (IllegalArgumentException e) {
                return e;
              }
            });

    // Bounded work; the timing figure is in docs/benchmarks.md ("Bounded input").
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(refused).hasMessage("CSV header has more than 16384 characters");
  }

  @Test
  void aValueOf64CharactersIsAcceptedAnd65RefusedOnEveryChannel() throws Exception {
    String csv =
        HEADER
            + csvRow("inlet", "2024-04-01T00:00:00Z", CHARS_64)
            + "\n"
            + csvRow("inlet", "2024-04-01T00:15:00Z", CHARS_65)
            + "\n";
    BulkImport.Totals fromCsv =
        BulkImport.run(ingestion, stream(csv), BulkFormat.CSV, 100, "bulk:a.csv");
    String jsonLines =
        jsonLine("2024-04-01T00:00:00Z", CHARS_64)
            + "\n"
            + jsonLine("2024-04-01T00:15:00Z", CHARS_65)
            + "\n"
            + jsonLine("2024-04-01T00:30:00Z", "1e999999999")
            + "\n";
    BulkImport.Totals fromJson =
        BulkImport.run(ingestion, stream(jsonLines), BulkFormat.JSON_LINES, 100, "bulk:a.jsonl");
    IngestReport fromMqtt =
        ingestion.mqtt(
            "mqtt:riverton",
            List.of(
                rainfall("gauge-1", CHARS_64),
                rainfall("gauge-2", CHARS_65),
                rainfall("gauge-3", "1e999999999")));
    IngestReport fromNgsiLd =
        ingestion.ngsiLd(
            "ngsi-ld:orion",
            notification(
                consumption("2024-04-20T08:00:00Z", CHARS_64),
                consumption("2024-04-20T08:15:00Z", CHARS_65)),
            Optional.empty());

    assertThat(fromCsv.stored()).isEqualTo(1);
    assertThat(fromCsv.quarantined()).isEqualTo(1);
    assertThat(fromJson.stored()).isEqualTo(1);
    assertThat(fromJson.quarantined()).isEqualTo(2);
    assertThat(fromMqtt.stored()).isEqualTo(1);
    assertThat(fromMqtt.quarantined()).isEqualTo(2);
    assertThat(fromNgsiLd.stored()).isEqualTo(1);
    assertThat(fromNgsiLd.quarantined()).isEqualTo(1);
    assertThat(rows("SELECT DISTINCT value FROM reading")).containsExactly("1");
    List<String> reasons = rows("SELECT reason FROM reading_quarantine ORDER BY quarantine_id");
    assertThat(reasons)
        .contains(
            "line 3: value has more than 64 characters",
            "line 2: value has more than 64 characters",
            "line 3: value has more than 64 characters written out in full");
    assertThat(reasons).filteredOn(r -> r.startsWith("line ")).hasSize(3);
    assertThat(reasons)
        .anySatisfy(
            r -> assertThat(r).contains("gauge-2/rainfall").endsWith("has more than 64 characters"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains("gauge-3/rainfall")
                    .endsWith("has more than 64 characters written out in full"))
        .anySatisfy(
            r ->
                assertThat(r).contains("waterConsumption").contains("has more than 64 characters"));
  }

  @Test
  void anOverLongLineIsRefusedAndTheLinesAfterItAreImported() throws Exception {
    String csv =
        HEADER
            + csvRow("inlet", "2024-04-01T00:00:00Z", "1")
            + "\n"
            + csvRow("inlet", "2024-04-01T00:05:00Z", "1" + "0".repeat(20_000))
            + "\r\n"
            + csvRow("inlet", "2024-04-01T00:10:00Z", "2")
            + "\n"
            + csvRow("inlet", "2024-04-01T00:15:00Z", "3")
            + "\n";

    BulkImport.Totals totals =
        BulkImport.run(ingestion, stream(csv), BulkFormat.CSV, 2, "bulk:long.csv");

    assertThat(totals.stored()).isEqualTo(3);
    assertThat(totals.quarantined()).isEqualTo(1);
    assertThat(rows("SELECT value FROM reading ORDER BY observed_at"))
        .containsExactly("1", "2", "3");
    assertThat(rows("SELECT reason FROM reading_quarantine"))
        .containsExactly("line 3: line has more than 16384 characters");
  }

  @Test
  void readingsObservedBeforeTheEarliestDateAreRefusedOnEveryChannel() throws Exception {
    String early = "1999-12-31T23:59:59Z";
    String earliest = "2000-01-01T00:00:00Z";
    BulkImport.Totals fromCsv =
        BulkImport.run(
            ingestion,
            stream(HEADER + csvRow("inlet", early, "1") + "\n" + csvRow("inlet", earliest, "1")),
            BulkFormat.CSV,
            100,
            "bulk:old.csv");
    BulkImport.Totals fromJson =
        BulkImport.run(
            ingestion,
            stream(jsonLine(early, "1") + "\n" + jsonLine(earliest, "1")),
            BulkFormat.JSON_LINES,
            100,
            "bulk:old.jsonl");
    IngestReport fromMqtt =
        ingestion.mqtt(
            "mqtt:riverton",
            List.of(
                new MqttMessage(
                    "riverton/stormwater/gi-rock-creek-a/gauge-1/rainfall",
                    ("{\"time\": \"" + early + "\", \"depth\": 1, \"unit\": \"MMT\"}")
                        .getBytes(StandardCharsets.UTF_8),
                    NOW)));
    IngestReport fromNgsiLd =
        ingestion.ngsiLd(
            "ngsi-ld:orion",
            notification(consumption(early, "1"), consumption(earliest, "1")),
            Optional.empty());

    assertThat(fromCsv.stored()).isEqualTo(1);
    assertThat(fromCsv.quarantined()).isEqualTo(1);
    assertThat(fromJson.stored()).isEqualTo(1);
    assertThat(fromJson.quarantined()).isEqualTo(1);
    assertThat(fromMqtt.stored()).isZero();
    assertThat(fromMqtt.quarantined()).isEqualTo(1);
    assertThat(fromNgsiLd.stored()).isEqualTo(1);
    assertThat(fromNgsiLd.quarantined()).isEqualTo(1);
    assertThat(rows("SELECT reason FROM reading_quarantine"))
        .hasSize(4)
        .allSatisfy(
            r ->
                assertThat(r)
                    .contains(
                        "observedAt 1999-12-31T23:59:59Z is before the earliest accepted"
                            + " observation time 2000-01-01T00:00:00Z"));
    assertThat(rows("SELECT min(observed_at AT TIME ZONE 'UTC')::text FROM reading"))
        .containsExactly("2000-01-01 00:00:00");
  }

  private static String csvRow(String sensor, String observedAt, String value) {
    return "dma-north-hill,system-input-volume," + sensor + "," + observedAt + "," + value + ",MTQ";
  }

  private static String jsonLine(String observedAt, String value) {
    return "{\"asset_id\": \"dma-north-hill\", \"kpi_id\": \"system-input-volume\","
        + " \"sensor_id\": \"inlet-json\", \"observed_at\": \""
        + observedAt
        + "\", \"value\": "
        + value
        + ", \"unit_code\": \"MTQ\"}";
  }

  private static MqttMessage rainfall(String gauge, String depth) {
    return new MqttMessage(
        "riverton/stormwater/gi-rock-creek-a/" + gauge + "/rainfall",
        ("{\"time\": \"2024-04-20T08:55:00Z\", \"depth\": " + depth + ", \"unit\": \"MMT\"}")
            .getBytes(StandardCharsets.UTF_8),
        NOW);
  }

  /** An instance of the mapped water-consumption attribute, with its own observation time. */
  private static String consumption(String observedAt, String value) {
    return "{\"type\": \"Property\", \"value\": "
        + value
        + ", \"observedAt\": \""
        + observedAt
        + "\", \"unitCode\": \"MTQ\", \"datasetId\": \"urn:ngsi-ld:Dataset:"
        + observedAt.replace(":", "")
        + "\"}";
  }

  private static byte[] notification(String... instances) {
    return ("{\"id\": \"urn:ngsi-ld:Notification:1\", \"type\": \"Notification\","
            + " \"subscriptionId\": \"urn:ngsi-ld:Subscription:1\","
            + " \"notifiedAt\": \"2024-04-20T09:00:00Z\", \"data\": [{"
            + "\"id\": \"urn:ngsi-ld:WaterConsumptionObserved:riverton:north-hill-inlet\","
            + " \"type\": \"WaterConsumptionObserved\", \"waterConsumption\": ["
            + String.join(", ", instances)
            + "]}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> rows(String sql) throws Exception {
    return StoreDatabases.rows(db, sql);
  }
}
