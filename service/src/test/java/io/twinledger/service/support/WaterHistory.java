package io.twinledger.service.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.twinledger.ledger.model.KpiCatalogs;
import io.twinledger.ledger.pnl.projection.PnlObservations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * A water district with a monthly history of the three KPIs the {@code water-nrw} model reads, for
 * valuation and risk tests: NRW volume normal around 9,000 m³, real losses AR(1) around 5,000 m³,
 * NRW percent normal around 22, from {@link #FIRST_MONTH}, seeded by the id's prefix.
 */
public final class WaterHistory {

  /** The first month recorded. */
  public static final YearMonth FIRST_MONTH = YearMonth.of(2024, 1);

  private final Api api;
  private final CommandGateway commands;
  private final KpiCatalogs catalogs;
  private final PnlObservations observations;

  public WaterHistory(
      Api api, CommandGateway commands, KpiCatalogs catalogs, PnlObservations observations) {
    this.api = api;
    this.commands = commands;
    this.catalogs = catalogs;
    this.observations = observations;
  }

  /**
   * Registers a district named {@code prefix} plus a random suffix, records {@code months} months
   * of each KPI and waits until the P&amp;L projection has observed them all; NRW volume covers
   * half of each month whose index is in {@code partialNrw}.
   *
   * @return the district's asset id
   */
  public String register(String prefix, int months, Set<Integer> partialNrw) {
    String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    Api.Response registered =
        api.post(
            "/api/v1/assets",
            "officer",
            """
            {"assetId": "%s", "assetClass": "WATER_DISTRICT", "name": "Water test %s",
             "timeZone": "Europe/Amsterdam",
             "parameters": {"mainsLengthKm": 100, "serviceConnections": 5000,
                            "privatePipeLengthKm": 50, "averagePressureM": 50,
                            "tariff": {"amount": 2.35, "currency": "EUR"}},
             "kpis": [
               {"kpiId": "nrw-volume", "unit": "MTQ", "aggregation": "SUM",
                "betterDirection": "LOWER"},
               {"kpiId": "real-losses", "unit": "MTQ", "aggregation": "SUM",
                "betterDirection": "LOWER"},
               {"kpiId": "nrw-percent", "unit": "P1", "aggregation": "MEAN",
                "betterDirection": "LOWER"}]}"""
                .formatted(id, id));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> catalogs.of(id).map(c -> c.contains("nrw-percent")).orElse(false));
    Random random = new Random(prefix.hashCode());
    double realLosses = 5_000;
    for (int m = 0; m < months; m++) {
      YearMonth month = FIRST_MONTH.plusMonths(m);
      double u = random.nextGaussian();
      realLosses = 2_500 + 0.5 * realLosses + 300 * random.nextGaussian();
      record(
          id, "nrw-volume", month, 9_000 + 600 * u, "MTQ", partialNrw.contains(m) ? "50" : "100");
      record(id, "real-losses", month, realLosses, "MTQ", "100");
      record(id, "nrw-percent", month, 22 + 2 * random.nextGaussian(), "P1", "100");
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> observations.of(id).size() == 3 * months);
    return id;
  }

  private void record(
      String assetId, String kpi, YearMonth month, double value, String unit, String coverage) {
    commands.sendAndWait(
        MonthlyPeriods.closed(
            assetId,
            kpi,
            month,
            1,
            BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN),
            unit,
            "ab".repeat(32),
            new BigDecimal(coverage),
            Optional.empty()));
  }
}
