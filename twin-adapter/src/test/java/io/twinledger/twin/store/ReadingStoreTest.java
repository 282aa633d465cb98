package io.twinledger.twin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.QualityFlag;
import io.twinledger.twin.reading.Reading;
import io.twinledger.twin.reading.ReadingBatch;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReadingStoreTest {

  private static final Instant T0 = Instant.parse("2026-01-31T23:59:00Z");
  private static final Instant RECEIVED = Instant.parse("2026-02-01T00:05:00Z");

  static List<String> targets() {
    return StoreDatabases.targets();
  }

  @ParameterizedTest
  @MethodSource("targets")
  void storesABatchOnceWithItsDigestAcrossPartitions(String target) throws Exception {
    DataSource db = StoreDatabases.fresh(target);
    List<Long> announced = new ArrayList<>();
    ReadingStore store = new ReadingStore(db, (id, batch) -> announced.add(id));
    List<AssessedReading> readings =
        List.of(
            assessed("m-1", T0, "1.5", Set.of()),
            assessed("m-1", T0.plusSeconds(120), "1.75", Set.of(QualityFlag.SPIKE)),
            assessed("m-2", T0.plusSeconds(60), "\"quoted\", sensor", Set.of()));

    StoredBatch first = store.store("mqtt:riverton", readings, RECEIVED);

    assertThat(first.storedCount()).isEqualTo(3);
    assertThat(first.duplicates()).isEmpty();
    assertThat(announced).containsExactly(first.batchId().orElseThrow());
    BatchReadings readBack = store.readingsOf(first.batchId().orElseThrow()).orElseThrow();
    assertThat(readBack.encoding()).isEqualTo(ReadingBatch.Encoding.CURRENT);
    assertThat(readBack.digestedAgain().digestHex())
        .as("readings read back, flags included, encode to the stored digest")
        .isEqualTo(first.batch().orElseThrow().digestHex());
    assertThat(readBack.readings()).containsExactlyInAnyOrderElementsOf(readings);
    assertThat(store.readingsOf(first.batchId().orElseThrow() + 1)).isEmpty();
    assertThat(query(db, "SELECT encoding_version FROM reading_batch")).containsExactly("2");
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("UPDATE reading_batch SET encoding_version = 1");
    }
    assertThat(store.readingsOf(first.batchId().orElseThrow()).orElseThrow().digestedAgain())
        .as("a batch stored before flags were digested is digested again without them")
        .satisfies(
            v1 ->
                assertThat(v1.digestHex())
                    .isEqualTo(ReadingBatch.of(ReadingBatch.Encoding.V1, readings).digestHex()));
    assertThat(query(db, "SELECT encode(digest, 'hex') FROM reading_batch"))
        .containsExactly(first.batch().orElseThrow().digestHex());
    assertThat(query(db, "SELECT DISTINCT tableoid::regclass::text FROM reading ORDER BY 1"))
        .containsExactly("reading_y2026m01", "reading_y2026m02");
    assertThat(query(db, "SELECT array_to_string(flags, ',') FROM reading ORDER BY observed_at"))
        .containsExactly("", "", "SPIKE");

    StoredBatch again = store.store("mqtt:riverton", readings, RECEIVED.plusSeconds(60));
    assertThat(again.batchId()).isEmpty();
    assertThat(again.duplicates()).hasSize(3);
    assertThat(query(db, "SELECT count(*) FROM reading")).containsExactly("3");
    assertThat(query(db, "SELECT count(*) FROM reading_batch")).containsExactly("1");
    assertThat(announced).hasSize(1);
  }

  @ParameterizedTest
  @MethodSource("targets")
  void aPartlyKnownBatchStoresOnlyTheNewReadings(String target) {
    DataSource db = StoreDatabases.fresh(target);
    ReadingStore store = new ReadingStore(db, (id, batch) -> {});
    store.store("bulk:a.csv", List.of(assessed("m-1", T0, "1", Set.of())), RECEIVED);

    StoredBatch second =
        store.store(
            "bulk:a.csv",
            List.of(
                assessed("m-1", T0, "1", Set.of()),
                assessed("m-1", T0.plusSeconds(60), "2", Set.of()),
                assessed("m-1", T0.plusSeconds(60), "2", Set.of())),
            RECEIVED);

    assertThat(second.storedCount()).isEqualTo(1);
    assertThat(second.duplicates()).hasSize(2);
  }

  /** The store remembers which partitions exist; one dropped behind its back is made again. */
  @ParameterizedTest
  @MethodSource("targets")
  void aDroppedPartitionIsCreatedAgainOnTheNextAttempt(String target) throws Exception {
    DataSource db = StoreDatabases.fresh(target);
    ReadingStore store = new ReadingStore(db, (id, batch) -> {});
    store.store("bulk:a.csv", List.of(assessed("m-1", T0, "1", Set.of())), RECEIVED);
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE reading_y2026m01");
    }
    List<AssessedReading> next = List.of(assessed("m-1", T0.minusSeconds(60), "2", Set.of()));

    assertThatThrownBy(() -> store.store("bulk:a.csv", next, RECEIVED))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.store("bulk:a.csv", next, RECEIVED).storedCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("targets")
  void ofReadingsSharingAKeyInOneCallTheFirstIsStored(String target) {
    DataSource db = StoreDatabases.fresh(target);
    ReadingStore store = new ReadingStore(db, (id, batch) -> {});

    StoredBatch stored =
        store.store(
            "bulk:a.csv",
            List.of(
                assessed("m-1", T0.plusSeconds(60), "2", Set.of()),
                assessed("m-1", T0, "7", Set.of()),
                assessed("m-1", T0.plusSeconds(60), "9", Set.of())),
            RECEIVED);

    assertThat(stored.storedCount()).isEqualTo(2);
    assertThat(stored.duplicates()).hasSize(1);
    assertThat(stored.batch().orElseThrow().readings())
        .extracting(r -> r.reading().value().toPlainString())
        .containsExactly("7", "2");

    AssessedReading sent = assessed("m-2", T0, "5", Set.of());
    StoredBatch twice = store.store("bulk:a.csv", List.of(sent, sent), RECEIVED);
    assertThat(twice.storedCount()).isEqualTo(1);
    assertThat(twice.duplicates()).hasSize(1);
  }

  /**
   * A batch larger than one piece of the COPY stream, whose first rows are stored already: the
   * server refuses the COPY while it is still being sent, and the batch still stores its new rows.
   */
  @ParameterizedTest
  @MethodSource("targets")
  void aLargeBatchRefusedInMidStreamStoresItsNewReadings(String target) throws Exception {
    DataSource db = StoreDatabases.fresh(target);
    ReadingStore store = new ReadingStore(db, (id, batch) -> {});
    List<AssessedReading> readings = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      readings.add(assessed("m-" + i % 7, T0.plusSeconds(60L * i), "1." + i, Set.of()));
    }
    store.store("bulk:a.csv", readings.subList(0, 1_000), RECEIVED);

    StoredBatch second = store.store("bulk:a.csv", readings, RECEIVED);

    assertThat(second.storedCount()).isEqualTo(2_000);
    assertThat(second.duplicates()).hasSize(1_000);
    assertThat(
            store
                .readingsOf(second.batchId().orElseThrow())
                .orElseThrow()
                .digestedAgain()
                .digestHex())
        .isEqualTo(second.batch().orElseThrow().digestHex());
    assertThat(query(db, "SELECT count(*) FROM reading")).containsExactly("3000");
  }

  /**
   * Two batches stored at once, sharing readings in opposite orders, deadlock in PostgreSQL. A
   * third transaction holding one key makes the order of events certain: the first batch stores A
   * and waits for A2, the second stores B and waits for A; when the third lets A2 go, the first
   * reaches B. PostgreSQL aborts one of them, which is stored again.
   */
  @ParameterizedTest
  @MethodSource("targets")
  void batchesThatDeadlockAreBothStored(String target) throws Exception {
    DataSource db = StoreDatabases.fresh(target);
    ReadingStore store = new ReadingStore(db, (id, batch) -> {});
    store.store("mqtt:riverton", List.of(assessed("seed", T0, "1", Set.of())), RECEIVED);
    AssessedReading a = assessed("a", T0, "1", Set.of());
    AssessedReading a2 = assessed("a2", T0, "2", Set.of());
    AssessedReading b = assessed("b", T0, "3", Set.of());
    ReadingStore.Prepared first = store.prepare("mqtt:riverton", List.of(a, a2, b), RECEIVED);
    ReadingStore.Prepared second = store.prepare("mqtt:riverton", List.of(b, a), RECEIVED);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (Connection holder = db.getConnection();
        Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute(
          "INSERT INTO reading VALUES ('mqtt:riverton', 'a2', '"
              + T0
              + "', 'dma-1', 'system-input-volume', 9, 'MTQ', 9000, 'LTR', '{}', 0)");
      Future<StoredBatch> firstStored = threads.submit(first::store);
      awaitLockWaiters(db, 1);
      Future<StoredBatch> secondStored = threads.submit(second::store);
      awaitLockWaiters(db, 2);
      holder.rollback();

      StoredBatch one = firstStored.get(30, TimeUnit.SECONDS);
      StoredBatch two = secondStored.get(30, TimeUnit.SECONDS);
      assertThat(one.storedCount() + two.storedCount()).isEqualTo(3);
      assertThat(one.duplicates().size() + two.duplicates().size()).isEqualTo(2);
    } finally {
      threads.shutdownNow();
    }
    assertThat(query(db, "SELECT string_agg(sensor_id, ',' ORDER BY sensor_id) FROM reading"))
        .containsExactly("a,a2,b,seed");
  }

  /**
   * Polls on its own connection: within a transaction, pg_stat_activity keeps showing one moment.
   */
  private static void awaitLockWaiters(DataSource db, int waiters) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Connection c = db.getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT count(*) FROM pg_stat_activity"
                      + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
        rs.next();
        if (rs.getInt(1) >= waiters) {
          return;
        }
      }
      assertThat(System.nanoTime()).as("%d transactions waiting", waiters).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @ParameterizedTest
  @MethodSource("targets")
  void textBeyondAsciiIsStoredAndDigestedAsUtf8(String target) {
    DataSource db = StoreDatabases.fresh(target);
    ReadingStore store = new ReadingStore(db, (id, batch) -> {});
    String sensor = "jauge \"Rivière\" Süd, 雨量計 🌧";

    StoredBatch stored =
        store.store("mqtt:riverton", List.of(assessed(sensor, T0, "4.25", Set.of())), RECEIVED);

    BatchReadings readBack = store.readingsOf(stored.batchId().orElseThrow()).orElseThrow();
    assertThat(readBack.readings()).extracting(r -> r.reading().sensorId()).containsExactly(sensor);
    assertThat(readBack.digestedAgain().digestHex())
        .isEqualTo(stored.batch().orElseThrow().digestHex());
  }

  @ParameterizedTest
  @MethodSource("targets")
  void readingsAreFoundByAssetKpiTimeAndFlag(String target) {
    DataSource db = StoreDatabases.fresh(target);
    ReadingStore store = new ReadingStore(db, (id, batch) -> {});
    store.store(
        "mqtt:riverton",
        List.of(
            assessed("m-1", T0, "1", Set.of()),
            assessed("m-1", T0.plusSeconds(60), "2", Set.of(QualityFlag.SPIKE, QualityFlag.LATE)),
            assessed("m-1", T0.plusSeconds(120), "3", Set.of())),
        RECEIVED);

    var all =
        store.find(
            new ReadingQuery(
                "dma-1", Optional.empty(), Optional.empty(), T0, T0.plusSeconds(3600), 100));
    assertThat(all)
        .extracting(r -> r.reading().value().toPlainString())
        .containsExactly("1", "2", "3");
    var spikes =
        store.find(
            new ReadingQuery(
                "dma-1",
                Optional.of("system-input-volume"),
                Optional.of(QualityFlag.SPIKE),
                T0,
                T0.plusSeconds(3600),
                100));
    assertThat(spikes).hasSize(1);
    assertThat(spikes.get(0).flags())
        .containsExactlyInAnyOrder(QualityFlag.SPIKE, QualityFlag.LATE);
    assertThat(
            store.find(
                new ReadingQuery(
                    "dma-1", Optional.empty(), Optional.empty(), T0, T0.plusSeconds(60), 1)))
        .hasSize(1);
  }

  @ParameterizedTest
  @MethodSource("targets")
  void quarantineKeepsReasonAndPayload(String target) throws Exception {
    DataSource db = StoreDatabases.fresh(target);
    new ReadingStore(db, (id, batch) -> {})
        .quarantine(
            List.of(
                new QuarantinedPayload(
                    "ngsi-ld:orion", RECEIVED, "data is not an array", "{\"data\": 7\u0000}")));
    assertThat(query(db, "SELECT reason || ' | ' || raw_payload FROM reading_quarantine"))
        .containsExactly("data is not an array | {\"data\": 7\\u0000}");
    assertThat(new ReadingStore(db, (id, batch) -> {}).quarantined(10))
        .extracting(QuarantineEntry::reason)
        .containsExactly("data is not an array");
  }

  private static AssessedReading assessed(
      String sensor, Instant at, String valueOrSensorSuffix, Set<QualityFlag> flags) {
    boolean numeric = valueOrSensorSuffix.matches("[0-9.]+");
    String value = numeric ? valueOrSensorSuffix : "3";
    return new AssessedReading(
        new Reading(
            "mqtt:riverton",
            numeric ? sensor : sensor + valueOrSensorSuffix,
            "dma-1",
            "system-input-volume",
            at,
            new BigDecimal(value),
            "MTQ",
            new BigDecimal(value).multiply(BigDecimal.valueOf(1000)),
            "LTR"),
        flags);
  }

  private static List<String> query(DataSource db, String sql) throws Exception {
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
