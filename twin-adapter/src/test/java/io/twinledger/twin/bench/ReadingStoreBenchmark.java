package io.twinledger.twin.bench;

import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.Reading;
import io.twinledger.twin.store.ReadingStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Readings per second stored by {@link ReadingStore} (ordering and digest, then COPY straight into
 * the partitioned table, one transaction per batch) beside a raw {@code COPY} of the same rows into
 * a table of the same shape, one transaction per batch too, in one run on the embedded PostgreSQL.
 */
@Tag("benchmark")
class ReadingStoreBenchmark {

  private static final int BATCH = 10_000;
  private static final int BATCHES = 30;

  @Test
  void storeVersusRawCopy() throws Exception {
    DataSource db = BenchDatabase.fresh();
    BenchDatabase.createRawReadingTable(db);
    ReadingStore store = new ReadingStore(db, (id, batch) -> {});
    List<List<AssessedReading>> batches = new ArrayList<>();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    for (int b = 0; b < BATCHES + 3; b++) {
      List<AssessedReading> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        int n = b * BATCH + i;
        batch.add(
            new AssessedReading(
                new Reading(
                    "bulk:bench",
                    "sensor-" + (n % 50),
                    "dma-1",
                    "system-input-volume",
                    t0.plusSeconds(n / 50 * 60L),
                    new BigDecimal("12.5").add(BigDecimal.valueOf(n % 100, 2)),
                    "MTQ",
                    new BigDecimal("12500"),
                    "LTR"),
                Set.of()));
      }
      batches.add(batch);
    }
    for (int w = 0; w < 3; w++) {
      store.store("bulk:bench", batches.get(w), Instant.now());
      rawCopy(db, batches.get(w));
    }
    CpuClock cpu = CpuClock.of(db);
    CpuClock.Sample before = cpu.sample();
    long start = System.nanoTime();
    for (int b = 3; b < batches.size(); b++) {
      store.store("bulk:bench", batches.get(b), Instant.now());
    }
    double storeRate = BATCH * BATCHES / ((System.nanoTime() - start) / 1e9);
    String storeCpu = cpu.sample().perRow(before, BATCH * BATCHES);
    before = cpu.sample();
    start = System.nanoTime();
    for (int b = 3; b < batches.size(); b++) {
      rawCopy(db, batches.get(b));
    }
    double copyRate = BATCH * BATCHES / ((System.nanoTime() - start) / 1e9);
    String copyCpu = cpu.sample().perRow(before, BATCH * BATCHES);
    System.out.printf(
        Locale.ROOT,
        "ReadingStore: %,.0f readings/s (%s); raw COPY: %,.0f rows/s (%s); ratio %.2f%n",
        storeRate,
        storeCpu,
        copyRate,
        copyCpu,
        storeRate / copyRate);
  }

  private static void rawCopy(DataSource db, List<AssessedReading> batch) throws Exception {
    StringBuilder csv = new StringBuilder();
    for (AssessedReading a : batch) {
      Reading r = a.reading();
      csv.append(r.source())
          .append(',')
          .append(r.sensorId())
          .append(',')
          .append(r.observedAt())
          .append(',')
          .append(r.assetId())
          .append(',')
          .append(r.kpiId())
          .append(',')
          .append(r.value().toPlainString())
          .append(',')
          .append(r.unit())
          .append(',')
          .append(r.originalValue().toPlainString())
          .append(',')
          .append(r.originalUnit())
          .append(",{},1\n");
    }
    BenchDatabase.copyRaw(db, csv.toString());
  }
}
