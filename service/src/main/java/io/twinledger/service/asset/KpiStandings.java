package io.twinledger.service.asset;

import io.twinledger.ledger.asset.api.AssetClass;
import io.twinledger.ledger.asset.api.ContractualThreshold;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetView;
import io.twinledger.ledger.asset.projection.KpiPeriodView;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where each KPI of the portfolio stands: its latest closed month against its contractual
 * thresholds. Two reads, whatever the portfolio's size: the catalog and the latest periods.
 */
public class KpiStandings {

  /** The period kind a KPI's current standing is judged on. */
  public static final String KIND = "MONTH";

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
      if (thresholds.isEmpty() || thresholds.getFirst().met().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(thresholds.stream().allMatch(t -> t.met().orElse(false)));
    }
  }

  private final AssetCatalog catalog;
  private final KpiPeriods periods;

  public KpiStandings(AssetCatalog catalog, KpiPeriods periods) {
    this.catalog = catalog;
    this.periods = periods;
  }

  /** Every asset's KPIs that carry thresholds, grouped by asset class in the class's order. */
  public Map<AssetClass, List<Standing>> byClass() {
    Map<String, KpiPeriodView> latest =
        periods.latestOfEach(KIND).stream()
            .collect(Collectors.toMap(p -> p.assetId() + "/" + p.kpiId(), Function.identity()));
    Map<AssetClass, List<Standing>> byClass = new TreeMap<>();
    for (AssetView asset : catalog.list(Optional.empty())) {
      List<Standing> rows =
          asset.kpis().stream()
              .filter(k -> !k.thresholds().isEmpty())
              .map(k -> standing(asset, k, latest.get(asset.assetId() + "/" + k.kpiId())))
              .toList();
      if (!rows.isEmpty()) {
        byClass.computeIfAbsent(asset.assetClass(), c -> new ArrayList<>()).addAll(rows);
      }
    }
    return byClass;
  }

  /** One KPI's standing on its latest closed month, or on none. */
  public static Standing standing(AssetView asset, KpiDefinition kpi, KpiPeriodView latest) {
    Optional<KpiPeriodView> period = Optional.ofNullable(latest);
    return new Standing(
        asset,
        kpi,
        period,
        kpi.thresholds().stream()
            .map(
                t ->
                    new ThresholdStanding(
                        t,
                        period
                            .flatMap(KpiPeriodView::value)
                            .map(v -> t.metBy(v, kpi.betterDirection()))))
            .toList());
  }
}
