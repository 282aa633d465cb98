package io.twinledger.twin.bench;

import io.twinledger.twin.correction.CorrectionBook;
import io.twinledger.twin.correction.CorrectionRecord;
import io.twinledger.twin.correction.CorrectionStatus;
import io.twinledger.twin.correction.ReadingAction;
import io.twinledger.twin.correction.TargetReading;
import io.twinledger.twin.period.PeriodKind;
import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.Reading;
import io.twinledger.twin.store.DuePeriod;
import io.twinledger.twin.store.PeriodBook;
import io.twinledger.twin.store.ReadingStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What corrections cost the period-closing job, on the embedded PostgreSQL: a year of
 * quarter-hourly readings of one KPI (35,040), then the job's two queries for its MONTH periods,
 * {@code PeriodBook.due} (every period of the KPI, run each minute) and {@code PeriodBook.readings}
 * (one month's readings through the corrections in effect), first with no correction (the
 * baseline), then with 1,000 applied corrections spread over the year (supersedes, voids and
 * holds).
 *
 * <p>A shortcut path: the queries on their own, not the job, the API or the projections around
 * them; it measures what the corrections join adds to the queries that run every minute.
 *
 * <p>Run: {@code ./mvnw -Pbench -pl twin-adapter verify -Dtest=CorrectedPeriodBenchmark}.
 */
@Tag("benchmark")
class CorrectedPeriodBenchmark {

  private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final int READINGS = 365 * 96;
  private static final int CORRECTIONS = 1_000;
  private static final int RUNS = 40;

  @Test
  void dueAndReadingsWithAndWithoutCorrections() throws Exception {
    DataSource db = BenchDatabase.fresh();
    ReadingStore store = new ReadingStore(db, (id, batch) -> {});
    PeriodBook periods = new PeriodBook(db);
    CorrectionBook corrections = new CorrectionBook(db);
    for (int day = 0; day < 365; day++) {
      List<AssessedReading> batch = new ArrayList<>(96);
      for (int q = 0; q < 96; q++) {
        int n = day * 96 + q;
        batch.add(reading(START.plus(Duration.ofMinutes(15L * n)), 100 + n % 37));
      }
      store.store("bulk:bench", batch, Instant.now());
    }
    Instant endedBy = START.plus(Duration.ofDays(400));

    String without = measure(periods, endedBy);
    for (int i = 0; i < CORRECTIONS; i++) {
      Instant at = START.plus(Duration.ofMinutes(15L * ((long) i * READINGS / CORRECTIONS)));
      TargetReading target = corrections.reading("bulk:bench", "inlet", at).orElseThrow();
      ReadingAction action = ReadingAction.values()[i % 3];
      corrections.recorded(
          new CorrectionRecord(
              corrections.nextId(),
              action,
              CorrectionStatus.APPLIED,
              target.batchId(),
              target.batchDigest(),
              Optional.of(target),
              action == ReadingAction.SUPERSEDE
                  ? Optional.of(BigDecimal.valueOf(99))
                  : Optional.empty(),
              "benchmark",
              "operator",
              Instant.now(),
              List.of(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty()));
    }
    String unanalysed = measure(periods, endedBy);
    try (var connection = db.getConnection();
        var analyse = connection.createStatement()) {
      analyse.execute("ANALYZE reading_correction");
    }
    String with = measure(periods, endedBy);
    System.out.printf(
        Locale.ROOT,
        "%,d readings, MONTH periods of one KPI; median (p90) ms over %d runs%n"
            + "  without corrections: %s%n  with %,d applied corrections, before ANALYZE: %s%n"
            + "  and after: %s%n",
        READINGS,
        RUNS,
        without,
        CORRECTIONS,
        unanalysed,
        with);
  }

  private static String measure(PeriodBook periods, Instant endedBy) {
    double[] due = new double[RUNS];
    double[] readings = new double[RUNS];
    int count = 0;
    for (int run = -5; run < RUNS; run++) {
      long t0 = System.nanoTime();
      List<DuePeriod> months =
          periods.due("dma-1", "system-input-volume", PeriodKind.MONTH, ZONE, endedBy);
      long t1 = System.nanoTime();
      count = periods.readings("dma-1", "system-input-volume", months.get(5)).size();
      long t2 = System.nanoTime();
      if (run >= 0) {
        due[run] = (t1 - t0) / 1e6;
        readings[run] = (t2 - t1) / 1e6;
      }
    }
    return String.format(
        Locale.ROOT,
        "due %s, one month's readings (%d counted) %s",
        stats(due),
        count,
        stats(readings));
  }

  private static String stats(double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT, "%.1f (%.1f)", sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)]);
  }

  private static AssessedReading reading(Instant at, int value) {
    return new AssessedReading(
        new Reading(
            "bulk:bench",
            "inlet",
            "dma-1",
            "system-input-volume",
            at,
            BigDecimal.valueOf(value),
            "MTQ",
            BigDecimal.valueOf(value),
            "MTQ"),
        Set.of());
  }
}
