package io.twinledger.ledger.asset.projection;

import io.twinledger.ledger.asset.api.AssetClass;
import io.twinledger.ledger.asset.api.AssetParameters;
import io.twinledger.ledger.asset.api.KpiDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An asset as the read side sees it.
 *
 * @param version sequence number of the last event applied; pass it back as the expected version
 * @param kpis KPI definitions ordered by KPI id
 */
public record AssetView(
    String assetId,
    AssetClass assetClass,
    String name,
    String timeZone,
    AssetStatus status,
    Optional<String> decommissionReason,
    AssetParameters parameters,
    List<KpiDefinition> kpis,
    long version,
    Instant registeredAt,
    Instant updatedAt) {

  public AssetView {
    kpis = List.copyOf(kpis);
  }

  /**
   * The KPIs whose readings a KPI's periods are computed from: itself when measured, its inputs
   * when derived, and every measured KPI of the asset for a formula without inputs (UARL), so that
   * it has a period wherever the asset reported.
   */
  public List<String> readingKpis(KpiDefinition kpi) {
    if (kpi.derivation().isEmpty()) {
      return List.of(kpi.kpiId());
    }
    List<String> inputs = kpi.derivation().get().inputs().values().stream().distinct().toList();
    return inputs.isEmpty()
        ? kpis.stream().filter(k -> !k.isDerived()).map(KpiDefinition::kpiId).toList()
        : inputs;
  }

  /**
   * The KPIs whose periods read the readings of {@code readingKpi}: it and those derived from it.
   */
  public List<String> kpisReading(String readingKpi) {
    return kpis.stream()
        .filter(k -> readingKpis(k).contains(readingKpi))
        .map(KpiDefinition::kpiId)
        .toList();
  }
}
