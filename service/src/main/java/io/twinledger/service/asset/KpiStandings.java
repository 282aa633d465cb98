package io.twinledger.service.asset;

import io.twinledger.ledger.asset.api.AssetClass;
import io.twinledger.ledger.asset.api.ContractualThreshold;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetView;
import io.twinledger.ledger.asset.projection.KpiPeriodView;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where each KPI of the portfolio stands: its latest closed month against its contractual
 * thresholds ({@link #byClass}), and its last {@value #MONTHS} closed months, each judged against
 * them and marked proven or not ({@link #performance}). Only KPIs with thresholds are judged.
 */
public class KpiStandings {

  /** The period kind a KPI's standing is judged on. */
  public static final String KIND = "MONTH";

  /** Closed months a KPI's performance shows, ending with its latest. */
  public static final int MONTHS = 12;

  /**
   * One threshold judged against the latest value.
   *
   * @param met empty while the KPI has no closed month with a value
   */
  public record ThresholdStanding(ContractualThreshold threshold, Optional<Boolean> met) {}

  /** One KPI of one asset with its latest closed month, if any. */
  public record Standing(
      AssetView asset,
      KpiDefinition kpi,
      Optional<KpiPeriodView> latest,
      List<ThresholdStanding> thresholds) {

    /** Whether every threshold is met; empty without thresholds or without a value. */
    public Optional<Boolean> allMet() {
      return KpiStandings.allMet(thresholds);
    }
  }

  /**
   * One closed month of a KPI against its thresholds.
   *
   * @param proven whether its evidence is complete now ({@link EvidenceExport#proven})
   */
  public record MonthStanding(
      KpiPeriodView period, List<ThresholdStanding> thresholds, boolean proven) {

    /** Whether every threshold is met; empty without a value. */
    public Optional<Boolean> allMet() {
      return KpiStandings.allMet(thresholds);
    }
  }

  /** A KPI's closed months, oldest first; empty when none is closed yet. */
  public record KpiHistory(KpiDefinition kpi, List<MonthStanding> months) {

    public Optional<MonthStanding> latest() {
      return months.isEmpty() ? Optional.empty() : Optional.of(months.getLast());
    }

    /** How many of the months met every threshold. */
    public long monthsMet() {
      return months.stream().filter(m -> m.allMet().orElse(false)).count();
    }
  }

  /** An asset's KPIs with thresholds, each with its recent months. */
  public record AssetPerformance(AssetView asset, List<KpiHistory> kpis) {}

  private final AssetCatalog catalog;
  private final KpiPeriods periods;
  private final EvidenceExport evidence;

  public KpiStandings(AssetCatalog catalog, KpiPeriods periods, EvidenceExport evidence) {
    this.catalog = catalog;
    this.periods = periods;
    this.evidence = evidence;
  }

  /** Every asset's KPIs that carry thresholds, grouped by asset class in the class's order. */
  public Map<AssetClass, List<Standing>> byClass() {
    Map<String, KpiPeriodView> latest = latestOfEach();
    Map<AssetClass, List<Standing>> byClass = new TreeMap<>();
    for (AssetView asset : catalog.list(Optional.empty())) {
      List<Standing> rows =
          judged(asset).stream()
              .map(k -> standing(asset, k, latest.get(key(asset.assetId(), k.kpiId()))))
              .toList();
      if (!rows.isEmpty()) {
        byClass.computeIfAbsent(asset.assetClass(), c -> new ArrayList<>()).addAll(rows);
      }
    }
    return byClass;
  }

  /**
   * Every asset with a KPI that carries thresholds, in the catalog's order, each such KPI with its
   * last {@value #MONTHS} closed months (latest revisions): the months up to its latest closed one,
   * counted in the asset's time zone. One read of the periods per KPI that has any, and one check
   * of the evidence of all of them.
   */
  public List<AssetPerformance> performance() {
    Map<String, KpiPeriodView> latest = latestOfEach();
    Map<String, List<KpiPeriodView>> recent = new TreeMap<>();
    List<AssetView> assets = new ArrayList<>();
    for (AssetView asset : catalog.list(Optional.empty())) {
      List<KpiDefinition> kpis = judged(asset);
      if (kpis.isEmpty()) {
        continue;
      }
      assets.add(asset);
      for (KpiDefinition kpi : kpis) {
        String key = key(asset.assetId(), kpi.kpiId());
        recent.put(
            key,
            Optional.ofNullable(latest.get(key))
                .map(last -> recentMonths(asset, kpi, last.periodStart()))
                .orElse(List.of()));
      }
    }
    Set<KpiPeriodView> proven =
        evidence.proven(recent.values().stream().flatMap(List::stream).toList());
    return assets.stream()
        .map(
            asset ->
                new AssetPerformance(
                    asset,
                    judged(asset).stream()
                        .map(
                            kpi ->
                                history(kpi, recent.get(key(asset.assetId(), kpi.kpiId())), proven))
                        .toList()))
        .toList();
  }

  /**
   * Every KPI of one asset, judged or not, with its last {@value #MONTHS} closed months, each
   * against the KPI's thresholds (none for a KPI without) and marked proven or not: the asset
   * page's history. One read of the periods per KPI that has any, and one check of the evidence.
   */
  public List<KpiHistory> history(AssetView asset) {
    Map<String, KpiPeriodView> latest = latestOfEach();
    Map<String, List<KpiPeriodView>> recent = new TreeMap<>();
    for (KpiDefinition kpi : asset.kpis()) {
      recent.put(
          kpi.kpiId(),
          Optional.ofNullable(latest.get(key(asset.assetId(), kpi.kpiId())))
              .map(last -> recentMonths(asset, kpi, last.periodStart()))
              .orElse(List.of()));
    }
    Set<KpiPeriodView> proven =
        evidence.proven(recent.values().stream().flatMap(List::stream).toList());
    return asset.kpis().stream().map(kpi -> history(kpi, recent.get(kpi.kpiId()), proven)).toList();
  }

  private static KpiHistory history(
      KpiDefinition kpi, List<KpiPeriodView> months, Set<KpiPeriodView> proven) {
    return new KpiHistory(
        kpi,
        months.stream()
            .map(p -> new MonthStanding(p, thresholds(kpi, Optional.of(p)), proven.contains(p)))
            .toList());
  }

  /** One KPI's standing on its latest closed month, or on none. */
  public static Standing standing(AssetView asset, KpiDefinition kpi, KpiPeriodView latest) {
    Optional<KpiPeriodView> period = Optional.ofNullable(latest);
    return new Standing(asset, kpi, period, thresholds(kpi, period));
  }

  private static List<ThresholdStanding> thresholds(
      KpiDefinition kpi, Optional<KpiPeriodView> period) {
    return kpi.thresholds().stream()
        .map(
            t ->
                new ThresholdStanding(
                    t,
                    period
                        .flatMap(KpiPeriodView::value)
                        .map(v -> t.metBy(v, kpi.betterDirection()))))
        .toList();
  }

  private static Optional<Boolean> allMet(List<ThresholdStanding> thresholds) {
    if (thresholds.isEmpty() || thresholds.getFirst().met().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(thresholds.stream().allMatch(t -> t.met().orElse(false)));
  }

  private List<KpiPeriodView> recentMonths(AssetView asset, KpiDefinition kpi, Instant last) {
    Instant from = last.atZone(ZoneId.of(asset.timeZone())).minusMonths(MONTHS - 1L).toInstant();
    return periods.of(
        asset.assetId(), kpi.kpiId(), Optional.of(KIND), from, last.plusSeconds(1), false);
  }

  private Map<String, KpiPeriodView> latestOfEach() {
    return periods.latestOfEach(KIND).stream()
        .collect(Collectors.toMap(p -> key(p.assetId(), p.kpiId()), Function.identity()));
  }

  private static List<KpiDefinition> judged(AssetView asset) {
    return asset.kpis().stream().filter(k -> !k.thresholds().isEmpty()).toList();
  }

  private static String key(String assetId, String kpiId) {
    return assetId + "/" + kpiId;
  }
}
