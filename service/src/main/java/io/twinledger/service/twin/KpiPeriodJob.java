package io.twinledger.service.twin;

import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.api.RecordKpiPeriod;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetStatus;
import io.twinledger.ledger.asset.projection.AssetView;
import io.twinledger.twin.ingest.QualityDefaults;
import io.twinledger.twin.period.ClosedPeriod;
import io.twinledger.twin.period.PeriodAggregation;
import io.twinledger.twin.period.PeriodCloser;
import io.twinledger.twin.period.PeriodKind;
import io.twinledger.twin.store.DuePeriod;
import io.twinledger.twin.store.PeriodBook;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes KPI periods from stored readings and records them on their assets as {@code
 * KpiPeriodClosed} events, with the batch digests as evidence.
 *
 * <p>A period is closed once it has ended and the grace time for late readings has passed. A
 * reading that arrives later still makes the period due again, and it is closed under the next
 * revision. The KPI's aggregation and unit come from the asset register, the time zone from the
 * asset. If the service stops between recording a period and noting it, the period is recorded
 * again under the same revision on the next run.
 */
@Component
public class KpiPeriodJob {

  private static final Logger log = LoggerFactory.getLogger(KpiPeriodJob.class);

  private final PeriodBook book;
  private final AssetCatalog assets;
  private final CommandGateway commands;
  private final TwinProperties properties;
  private final QualityDefaults quality;
  private final Clock clock;

  public KpiPeriodJob(
      PeriodBook book,
      AssetCatalog assets,
      CommandGateway commands,
      TwinProperties properties,
      QualityDefaults quality) {
    this.book = book;
    this.assets = assets;
    this.commands = commands;
    this.properties = properties;
    this.quality = quality;
    this.clock = Clock.systemUTC();
  }

  /** Closes every due period; returns how many were recorded. */
  @Scheduled(
      fixedDelayString = "${twinledger.twin.close-every:PT1M}",
      initialDelayString = "${twinledger.twin.close-every:PT1M}")
  public synchronized int closeDuePeriods() {
    Instant endedBy = clock.instant().minus(properties.closeGrace());
    int recorded = 0;
    for (AssetView asset : assets.list(Optional.empty())) {
      if (asset.status() != AssetStatus.ACTIVE) {
        continue;
      }
      ZoneId zone = ZoneId.of(asset.timeZone());
      for (KpiDefinition kpi : asset.kpis()) {
        for (PeriodKind kind : properties.periodKinds()) {
          for (DuePeriod due : book.due(asset.assetId(), kpi.kpiId(), kind, zone, endedBy)) {
            if (close(asset, kpi, due)) {
              recorded++;
            }
          }
        }
      }
    }
    return recorded;
  }

  private boolean close(AssetView asset, KpiDefinition kpi, DuePeriod due) {
    ClosedPeriod period;
    try {
      period =
          PeriodCloser.close(
              asset.assetId(),
              kpi.kpiId(),
              due.window(),
              due.revision(),
              PeriodAggregation.valueOf(kpi.aggregation().name()),
              kpi.unit(),
              quality.expectedInterval(),
              book.readings(asset.assetId(), kpi.kpiId(), due));
    } catch (IllegalArgumentException e) {
      log.warn(
          "Cannot close {} {} of {}/{}: {}",
          due.window().kind(),
          due.window().label(),
          asset.assetId(),
          kpi.kpiId(),
          e.getMessage());
      return false;
    }
    TreeMap<String, Integer> quality = new TreeMap<>();
    period.qualitySummary().forEach((flag, count) -> quality.put(flag.name(), count));
    commands.sendAndWait(
        new RecordKpiPeriod(
            period.assetId(),
            period.kpiId(),
            due.window().kind().name(),
            due.window().start(),
            due.window().end(),
            period.revision(),
            period.value(),
            period.unit(),
            period.coveragePercent(),
            period.readingCount(),
            quality,
            period.batchDigests()));
    book.closed(asset.assetId(), kpi.kpiId(), due, clock.instant());
    return true;
  }
}
