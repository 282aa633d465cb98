package io.twinledger.twin.bench;

import io.twinledger.twin.bulk.BulkFormat;
import io.twinledger.twin.ingest.BulkImport;
import io.twinledger.twin.ingest.Ingestion;
import io.twinledger.twin.ingest.QualityDefaults;
import io.twinledger.twin.mapping.MappingConfig;
import io.twinledger.twin.ngsild.NotificationParser;
import io.twinledger.twin.store.ReadingStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bulk ingestion end to end through {@link BulkImport} (CSV parsed, mapped, unit-normalised,
 * quality-checked on one thread; stored with COPY and batch digested on another) beside a raw
 * {@code COPY} of the same rows into a table of the same shape, in one run on a durable embedded
 * PostgreSQL.
 */
@Tag("benchmark")
class IngestionBenchmark {

  private static final int ROWS = 300_000;

  @Test
  void bulkEndToEndVersusRawCopy() throws Exception {
    DataSource db = BenchDatabase.fresh();
    BenchDatabase.createRawReadingTable(db);
    MappingConfig mapping;
    try (InputStream in = getClass().getResourceAsStream("/mapping/riverton.yaml")) {
      mapping = MappingConfig.load(in);
    }
    Ingestion ingestion =
        new Ingestion(
            mapping,
            new ReadingStore(db, (id, batch) -> {}),
            new NotificationParser(1 << 20, 1_000),
            QualityDefaults.standard(),
            Clock.systemUTC());

    byte[] warmup = csv(Instant.parse("2019-01-01T00:00:00Z"), ROWS);
    byte[] file = csv(Instant.parse("2020-01-01T00:00:00Z"), ROWS);
    importFile(ingestion, warmup);
    rawCopy(db, warmup);

    CpuClock cpu = CpuClock.of(db);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    CpuClock.Sample before = cpu.sample();
    long callerBefore = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long stored = importFile(ingestion, file);
    long elapsed = System.nanoTime() - start;
    double pipeline = stored / (elapsed / 1e9);
    double callerBusy = (double) (threads.getCurrentThreadCpuTime() - callerBefore) / elapsed;
    String pipelineCpu = cpu.sample().perRow(before, ROWS);

    before = cpu.sample();
    start = System.nanoTime();
    rawCopy(db, file);
    double copy = ROWS / ((System.nanoTime() - start) / 1e9);
    String copyCpu = cpu.sample().perRow(before, ROWS);

    System.out.printf(
        Locale.ROOT,
        "bulk end to end: %,.0f readings/s (%,d stored; calling thread busy %.0f%%; %s);"
            + " raw COPY: %,.0f rows/s (%s); ratio %.2f%n",
        pipeline,
        stored,
        100 * callerBusy,
        pipelineCpu,
        copy,
        copyCpu,
        pipeline / copy);
  }

  private static long importFile(Ingestion ingestion, byte[] file) {
    return BulkImport.run(
            ingestion, new ByteArrayInputStream(file), BulkFormat.CSV, 5_000, "bulk:bench.csv")
        .stored();
  }

  /** Inlet meter readings every 15 minutes from 50 sensors, in litres. */
  private static byte[] csv(Instant from, int rows) {
    StringBuilder csv =
        new StringBuilder("asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n");
    for (int i = 0; i < rows; i++) {
      csv.append("dma-north-hill,system-input-volume,inlet-")
          .append(i % 50)
          .append(',')
          .append(from.plusSeconds(900L * (i / 50)))
          .append(',')
          .append(12_000 + i % 997)
          .append(".5,LTR\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void rawCopy(DataSource db, byte[] file) throws Exception {
    String[] lines = new String(file, StandardCharsets.UTF_8).split("\n");
    StringBuilder rows = new StringBuilder();
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",");
      rows.append("bulk:raw,")
          .append(f[2])
          .append(',')
          .append(f[3])
          .append(',')
          .append(f[0])
          .append(',')
          .append(f[1])
          .append(',')
          .append(f[4])
          .append(",MTQ,")
          .append(f[4])
          .append(',')
          .append(f[5])
          .append(",{},1\n");
    }
    BenchDatabase.copyRaw(db, rows.toString());
  }
}
