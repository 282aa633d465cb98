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
}
