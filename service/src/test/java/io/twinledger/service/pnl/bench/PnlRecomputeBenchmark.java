package io.twinledger.service.pnl.bench;

import io.twinledger.ledger.asset.api.RegisterAsset;
import io.twinledger.ledger.model.ModelRegistry;
import io.twinledger.service.demo.SampleCity;
import io.twinledger.service.demo.SampleModels;
import io.twinledger.service.support.MonthlyPeriods;
import io.twinledger.service.support.OnEmbeddedDb;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * P&amp;L recompute latency after a KPI period closes: from the moment the {@code RecordKpiPeriod}
 * command returns (the {@code KpiPeriodClosed} event is stored) until the recomputed month's
 * revision is in {@code pnl_revision}, on the embedded PostgreSQL, for the demo's water model over
 * a year of monthly periods.
 *
 * <p>Also the projection latency: the same interval until the asset projection's {@code
 * kpi_period_view} shows the period, i.e. what any event processor needs to see the event at all.
 * The difference is the P&amp;L projection's own work (load observations, evaluate, compare,
 * write).
 *
 * <p>Both are measured twice in one run, each time in a fresh service: first with the processors
 * looking for new events every 500 ms, as Axon's pooled streaming processors do on the JDBC event
 * store ({@code twinledger.event-store.notify-processors=false}, the baseline), then woken by
 * {@link io.twinledger.service.eventstore.NotifyingEventSource} as the service runs by default.
 *
 * <p>Run: {@code ./mvnw -Pbench -pl service -am verify -DskipITs -Dtest=PnlRecomputeBenchmark}.
 * Writes {@code service/target/benchmarks/pnl-recompute.md}.
 */
@Tag("benchmark")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class PnlRecomputeBenchmark {

  private static final int WARM_UP = 100;
  private static final int MEASURED = 400;
  private static final String ASSET = "dma-bench";

  /** Per mode, in the order measured: the intervals until the view, then until the P&amp;L. */
  private static final Map<String, long[][]> RESULTS = new LinkedHashMap<>();

  @Nested
  @Order(1)
  @OnEmbeddedDb
  @TestPropertySource(properties = "twinledger.event-store.notify-processors=false")
  @DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
  class ProcessorsPolling extends Measurement {
    @Test
    void recomputeLatencyAfterAKpiPeriodCloses() throws InterruptedException {
      RESULTS.put("polling every 500 ms (Axon's default; baseline)", measure());
    }
  }

  @Nested
  @Order(2)
  @OnEmbeddedDb
  @DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
  class ProcessorsWoken extends Measurement {
    @Test
    void recomputeLatencyAfterAKpiPeriodCloses() throws InterruptedException {
      RESULTS.put("woken by `NotifyingEventSource`", measure());
    }
  }

  @AfterAll
  static void report() throws IOException {
    StringBuilder rows = new StringBuilder();
    for (Map.Entry<String, long[][]> mode : RESULTS.entrySet()) {
      rows.append(row(mode.getKey(), "`kpi_period_view` (projection latency)", mode.getValue()[0]))
          .append('\n')
          .append(row(mode.getKey(), "`pnl_revision` (P&L recomputed)", mode.getValue()[1]))
          .append('\n');
    }
    String report =
        """
        | Processors | Until visible in | p50 ms | p95 ms | p99 ms | max ms |
        |---|---|---:|---:|---:|---:|
        """
            + rows;
    Path out = Path.of("target/benchmarks/pnl-recompute.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println(report);
  }

  /** One service, one water district with the demo's water model, then the measured steps. */
  abstract static class Measurement {

    @Autowired CommandGateway commands;
    @Autowired ModelRegistry registry;
    @Autowired JdbcClient jdbc;

    long[][] measure() throws InterruptedException {
      RegisterAsset sample =
          SampleCity.assets().stream()
              .filter(a -> a.assetId().equals("dma-north-hill"))
              .findFirst()
              .orElseThrow();
      commands.sendAndWait(
          new RegisterAsset(
              ASSET, sample.name(), sample.timeZone(), sample.parameters(), sample.kpis()));
      for (int month = 1; month <= 12; month++) {
        close("real-losses", month, 1, "32000");
        close("nrw-volume", month, 1, "37000");
      }
      while (jdbc.sql("SELECT count(*) FROM asset_view WHERE asset_id = :id")
              .param("id", ASSET)
              .query(Long.class)
              .single()
          == 0) {
        Thread.sleep(10);
      }
      var water = SampleModels.bindings().getFirst();
      var definition = water.definition().withId("bench-water");
      registry.define("bench-water", definition, List.of(ASSET));
      awaitAtLeast(this::revisions, 12);

      long[] view = new long[MEASURED];
      long[] pnl = new long[MEASURED];
      int revision = 2;
      for (int i = 0; i < WARM_UP + MEASURED; i++) {
        int month = i % 12 + 1;
        if (month == 1 && i > 0) {
          revision++;
        }
        long periodsBefore = periods();
        long revisionsBefore = revisions();
        close("nrw-volume", month, revision, Integer.toString(36000 + i));
        long stored = System.nanoTime();
        long viewAt = awaitAtLeast(this::periods, periodsBefore + 1);
        long pnlAt = awaitAtLeast(this::revisions, revisionsBefore + 1);
        if (i >= WARM_UP) {
          view[i - WARM_UP] = viewAt - stored;
          pnl[i - WARM_UP] = pnlAt - stored;
        }
      }
      return new long[][] {view, pnl};
    }

    private void close(String kpi, int month, int revision, String value) {
      commands.sendAndWait(
          MonthlyPeriods.closed(
              ASSET,
              kpi,
              YearMonth.of(2026, month),
              revision,
              new BigDecimal(value),
              "MTQ",
              String.format("%064x", month * 1000 + revision)));
    }

    private long periods() {
      return jdbc.sql("SELECT count(*) FROM kpi_period_view WHERE asset_id = :id")
          .param("id", ASSET)
          .query(Long.class)
          .single();
    }

    private long revisions() {
      return jdbc.sql("SELECT count(*) FROM pnl_revision WHERE asset_id = :id")
          .param("id", ASSET)
          .query(Long.class)
          .single();
    }
  }

  /** Polls until the count reaches the target; returns System.nanoTime() when it did. */
  private static long awaitAtLeast(LongSupplier count, long target) throws InterruptedException {
    while (count.getAsLong() < target) {
      Thread.sleep(0, 200_000);
    }
    return System.nanoTime();
  }

  private static String row(String mode, String name, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "| %s | %s | %.1f | %.1f | %.1f | %.1f |",
        mode,
        name,
        ms(sorted, 0.50),
        ms(sorted, 0.95),
        ms(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6);
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }
}
