package io.twinledger.service.twin;

import io.twinledger.ledger.asset.api.AssetRuleViolation;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.api.KpiDerivation;
import io.twinledger.ledger.asset.api.RecordKpiPeriod;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetStatus;
import io.twinledger.ledger.asset.projection.AssetView;
import io.twinledger.service.correction.Corrections;
import io.twinledger.service.scheduling.ScheduledJob;
import io.twinledger.twin.correction.CorrectionBook;
import io.twinledger.twin.correction.SpikeRule;
import io.twinledger.twin.correction.TargetReading;
import io.twinledger.twin.ingest.QualityDefaults;
import io.twinledger.twin.mapping.MappingConfig;
import io.twinledger.twin.period.ClosedPeriod;
import io.twinledger.twin.period.PeriodAggregation;
import io.twinledger.twin.period.PeriodCloser;
import io.twinledger.twin.period.PeriodKind;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.reading.Reading;
import io.twinledger.twin.store.DuePeriod;
import io.twinledger.twin.store.PeriodBook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes KPI periods from stored readings and records them as {@code KpiPeriodClosed} events on the
 * period series of their asset and KPI ({@code KpiPeriodSeries}), with the batch digests as
 * evidence.
 *
 * <p>The series does not see the asset, so this job is where the register is respected: it closes
 * periods only of the KPIs an asset defines, and only while the asset is ACTIVE in the catalog.
 *
 * <p>A period is closed once it has ended and the grace time for late readings has passed. A
 * reading that arrives later still makes the period due again, and it is closed under the next
 * revision. A measured KPI aggregates its own readings; a derived KPI applies its formula to the
 * readings of its inputs, and is due whenever any of them is. The KPI's aggregation or formula and
 * its unit come from the asset register, the time zone from the asset, and how often each sensor
 * should report from the mapping. If the service stops between recording a period and noting it,
 * the period is recorded again under the same revision on the next run, which the series takes as
 * already recorded when the figures are the same (see {@link #close} when they are not). When the
 * service stops, a run returns after the period it is recording ({@link ScheduledJob}).
 *
 * <p>Periods read readings through the corrections in effect, and a correction applied after a
 * close makes the period due again; each revision after the first records its cause, such as {@code
 * correction 3 by operator: meter misread}. Before a period of a KPI the spike rule watches is
 * closed, its readings far outside the KPI's recent distribution are held for review.
 */
@Component
public class KpiPeriodJob extends ScheduledJob {

  private static final Logger log = LoggerFactory.getLogger(KpiPeriodJob.class);

  /** Most recent readings the spike rule judges against. */
  private static final int RECENT_LIMIT = 10_000;

  private final PeriodBook book;
  private final CorrectionBook correctionBook;
  private final Corrections corrections;
  private final AssetCatalog assets;
  private final CommandGateway commands;
  private final TwinProperties properties;
  private final QualityDefaults quality;
  private final Optional<MappingConfig> mapping;
  private final LiveReadings live;
  private final PeriodMetrics metrics;
  private final Clock clock;

  /** The run in progress; null between runs. */
  private volatile Run current;

  /** The last run that finished; null before the first has. */
  private volatile Run last;

  /**
   * A run of the job.
   *
   * @param startedAt when it started
   * @param assetsDone assets whose due periods it has gone through
   * @param assets assets it goes through
   * @param recorded periods it has recorded
   * @param finishedAt when it finished; empty while it runs
   */
  public record Run(
      Instant startedAt, int assetsDone, int assets, int recorded, Optional<Instant> finishedAt) {}

  /** The run in progress, if one is, and the last that finished, if one has. */
  public record Progress(Optional<Run> current, Optional<Run> last) {}

  public KpiPeriodJob(
      PeriodBook book,
      CorrectionBook correctionBook,
      Corrections corrections,
      AssetCatalog assets,
      CommandGateway commands,
      TwinProperties properties,
      QualityDefaults quality,
      Optional<MappingConfig> mapping,
      LiveReadings live,
      PeriodMetrics metrics) {
    this.book = book;
    this.correctionBook = correctionBook;
    this.corrections = corrections;
    this.mapping = mapping;
    this.assets = assets;
    this.commands = commands;
    this.properties = properties;
    this.quality = quality;
    this.live = live;
    this.metrics = metrics;
    this.clock = Clock.systemUTC();
  }

  /** Closes every due period; returns how many were recorded. */
  @Scheduled(
      fixedDelayString = "${twinledger.twin.close-every:PT1M}",
      initialDelayString = "${twinledger.twin.close-every:PT1M}")
  public int closeDuePeriods() {
    return run(this::closeAndTrack, 0);
  }

  /** What the job is doing now and what its last run did. */
  public Progress progress() {
    return new Progress(Optional.ofNullable(current), Optional.ofNullable(last));
  }

  private int closeAndTrack() {
    List<AssetView> all = assets.list(Optional.empty());
    current = new Run(clock.instant(), 0, all.size(), 0, Optional.empty());
    try {
      return closeUntilStopping(all);
    } finally {
      Run run = current;
      last =
          new Run(
              run.startedAt(),
              run.assetsDone(),
              run.assets(),
              run.recorded(),
              Optional.of(clock.instant()));
      current = null;
    }
  }

  /** Notes progress for {@link #progress}: only this job's thread writes it. */
  private void note(int assetsDone, int recorded) {
    Run run = current;
    current = new Run(run.startedAt(), assetsDone, run.assets(), recorded, Optional.empty());
  }

  private int closeUntilStopping(List<AssetView> all) {
    Instant endedBy = clock.instant().minus(properties.closeGrace());
    int recorded = 0;
    int done = 0;
    PeriodKind finest =
        properties.periodKinds().stream().min(Comparator.naturalOrder()).orElse(PeriodKind.DAY);
    assets:
    for (AssetView asset : all) {
      // The assets before this one are done; done counts this one from here on.
      note(done++, recorded);
      if (asset.status() != AssetStatus.ACTIVE) {
        continue;
      }
      ZoneId zone = ZoneId.of(asset.timeZone());
      for (KpiDefinition kpi : asset.kpis()) {
        for (PeriodKind kind : properties.periodKinds()) {
          List<String> readingKpis = asset.readingKpis(kpi);
          for (DuePeriod due :
              book.due(asset.assetId(), kpi.kpiId(), readingKpis, kind, zone, endedBy)) {
            if (stopping()) {
              return recorded;
            }
            // A hold takes effect once its record reaches the twin store, so the asset's periods
            // wait for the next run rather than close with the held reading in them.
            if (kind == finest && heldSpikes(asset, kpi, due)) {
              continue assets;
            }
            if (close(asset, kpi, readingKpis, due)) {
              recorded++;
              note(done - 1, recorded);
            }
          }
        }
      }
    }
    note(done, recorded);
    return recorded;
  }

  /**
   * Holds the period's readings that the spike rule finds far outside the KPI's recent
   * distribution, for a measured KPI the rule watches; judged once, in the finest period kind.
   *
   * @return whether any reading was held
   */
  private boolean heldSpikes(AssetView asset, KpiDefinition kpi, DuePeriod due) {
    TwinProperties.Review review = properties.review();
    if (kpi.isDerived() || !review.kpis().contains(kpi.kpiId())) {
      return false;
    }
    Optional<SpikeRule.Baseline> baseline =
        new SpikeRule(review.deviations(), review.minSamples())
            .baseline(
                book.recentValues(
                    asset.assetId(),
                    kpi.kpiId(),
                    due.window().start().minus(review.lookback()),
                    due.window().start(),
                    RECENT_LIMIT));
    if (baseline.isEmpty()) {
      return false;
    }
    boolean held = false;
    for (PeriodReading reading : book.readings(asset.assetId(), kpi.kpiId(), due)) {
      Reading r = reading.reading();
      Optional<String> why = baseline.get().judge(r.value());
      if (why.isPresent()) {
        Optional<TargetReading> target =
            correctionBook.reading(r.source(), r.sensorId(), r.observedAt());
        if (target.isPresent() && corrections.hold(target.get(), why.get())) {
          log.warn(
              "Held {} of {}/{} at {} for review: {}",
              r.sensorId(),
              asset.assetId(),
              kpi.kpiId(),
              r.observedAt(),
              why.get());
          held = true;
        }
      }
    }
    return held;
  }

  private ClosedPeriod compute(AssetView asset, KpiDefinition kpi, DuePeriod due) {
    if (kpi.derivation().isEmpty()) {
      return PeriodCloser.close(
          asset.assetId(),
          kpi.kpiId(),
          due.window(),
          due.revision(),
          PeriodAggregation.valueOf(kpi.aggregation().orElseThrow().name()),
          kpi.unit(),
          new PeriodCloser.Input(
              book.readings(asset.assetId(), kpi.kpiId(), due), expectedInterval(kpi.kpiId())));
    }
    KpiDerivation derivation = kpi.derivation().get();
    Map<String, List<PeriodReading>> readings =
        book.readings(asset.assetId(), List.copyOf(derivation.inputs().values()), due);
    Map<String, PeriodCloser.Input> inputs = new HashMap<>();
    derivation
        .inputs()
        .forEach(
            (role, kpiId) ->
                inputs.put(
                    role, new PeriodCloser.Input(readings.get(kpiId), expectedInterval(kpiId))));
    return PeriodCloser.closeDerived(
        asset.assetId(),
        kpi.kpiId(),
        due.window(),
        due.revision(),
        Formulas.of(derivation, asset.parameters()),
        kpi.unit(),
        inputs);
  }

  private Duration expectedInterval(String kpiId) {
    return mapping.flatMap(m -> m.expectedInterval(kpiId)).orElse(quality.expectedInterval());
  }

  /**
   * Records the due period. When its series refuses the revision, the job retries once under the
   * next one: after a stop between recording a period and noting it, readings that arrived before
   * the next run give the same revision other figures, which the series holds as a new revision.
   * Any other refusal (a revision the series cannot take) leaves the period due and is logged.
   */
  private boolean close(
      AssetView asset, KpiDefinition kpi, List<String> readingKpis, DuePeriod due) {
    try {
      return record(asset, kpi, readingKpis, due);
    } catch (AssetRuleViolation refused) {
      DuePeriod next =
          new DuePeriod(
              due.window(),
              due.revision() + 1,
              due.maxBatchId(),
              due.maxCorrectionSeq(),
              due.previousBatchId(),
              due.previousCorrectionSeq());
      try {
        return record(asset, kpi, readingKpis, next);
      } catch (AssetRuleViolation again) {
        log.warn(
            "Cannot record {} {} of {}/{}: {}",
            due.window().kind(),
            due.window().label(),
            asset.assetId(),
            kpi.kpiId(),
            refused.getMessage());
        return false;
      }
    }
  }

  private boolean record(
      AssetView asset, KpiDefinition kpi, List<String> readingKpis, DuePeriod due) {
    ClosedPeriod period;
    try {
      period = compute(asset, kpi, due);
    } catch (IllegalArgumentException | ArithmeticException e) {
      log.warn(
          "Cannot close {} {} of {}/{}: {}",
          due.window().kind(),
          due.window().label(),
          asset.assetId(),
          kpi.kpiId(),
          e.getMessage());
      return false;
    }
    TreeMap<String, Integer> flags = new TreeMap<>();
    period.qualitySummary().forEach((flag, count) -> flags.put(flag.name(), count));
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
            flags,
            period.batchDigests(),
            period.components(),
            period.remarks(),
            period.classification(),
            book.cause(asset.assetId(), readingKpis, due)));
    book.closed(asset.assetId(), kpi.kpiId(), due, clock.instant());
    metrics.closed(due);
    live.periodClosed(asset.assetId());
    return true;
  }
}
