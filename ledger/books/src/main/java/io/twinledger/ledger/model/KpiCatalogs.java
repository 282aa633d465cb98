package io.twinledger.ledger.model;

import io.twinledger.finance.model.KpiCatalog;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetView;
import java.util.Optional;
import java.util.TreeMap;

/** The KPIs a model may read on an asset: the asset's KPI definitions with their units. */
public class KpiCatalogs {

  private final AssetCatalog assets;

  public KpiCatalogs(AssetCatalog assets) {
    this.assets = assets;
  }

  /** The asset's KPI catalog; empty when the asset is unknown. */
  public Optional<KpiCatalog> of(String assetId) {
    return assets.find(assetId).map(KpiCatalogs::of);
  }

  /** The KPI catalog of an asset already read from the register. */
  public static KpiCatalog of(AssetView asset) {
    TreeMap<String, String> units = new TreeMap<>();
    for (KpiDefinition kpi : asset.kpis()) {
      units.put(kpi.kpiId(), kpi.unit());
    }
    return new KpiCatalog(units);
  }
}
