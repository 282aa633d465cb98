package io.twinledger.service.asset;

import io.twinledger.ledger.asset.api.ContractualThreshold;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.projection.AssetView;
import io.twinledger.ledger.asset.projection.KpiPeriodView;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.service.query.TimeRange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each KPI of an asset with its latest closed months ({@value #MONTHS} at most, the latest revision
 * of each, oldest first), each judged against the KPI's contractual thresholds as the portfolio
 * judges the latest one ({@link KpiStandings#standing}).
 */
public class KpiHistory {

  /** How many closed months the asset page shows of each KPI. */
  public static final int MONTHS = 12;

  /**
   * One KPI's recent months.
   *
   * @param months oldest first, each with its thresholds met or missed
   * @param thresholdsJson the thresholds as a chart draws them, {@code [{"name", "value"}]}
   */
  public record KpiMonths(
      KpiDefinition kpi, List<KpiStandings.Standing> months, String thresholdsJson) {}

  private final KpiPeriods periods;
  private final JsonMapper json;

  public KpiHistory(KpiPeriods periods, JsonMapper json) {
    this.periods = periods;
    this.json = json;
  }

  /** Every KPI of the asset, in the asset's order, with its latest closed months. */
  public List<KpiMonths> of(AssetView asset) {
    TimeRange always = TimeRange.parse(null, null);
    return asset.kpis().stream()
        .map(
            kpi -> {
              List<KpiPeriodView> all =
                  periods.of(
                      asset.assetId(),
                      kpi.kpiId(),
                      Optional.of(KpiStandings.KIND),
                      always.from(),
                      always.to(),
                      false);
              List<KpiStandings.Standing> months =
                  all.subList(Math.max(0, all.size() - MONTHS), all.size()).stream()
                      .map(p -> KpiStandings.standing(asset, kpi, p))
                      .toList();
              return new KpiMonths(kpi, months, thresholds(kpi.thresholds()));
            })
        .toList();
  }

  private String thresholds(List<ContractualThreshold> thresholds) {
    return json.writeValueAsString(
        thresholds.stream()
            .map(t -> Map.of("name", t.name(), "value", t.value().toPlainString()))
            .toList());
  }
}
