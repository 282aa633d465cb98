package io.twinledger.service.twin;

import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.twin.store.ReadingStore;
import io.twinledger.twin.store.StoredReading;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * An asset's latest stored readings, as the live readings panel shows them ({@code twin/live ::
 * readings(assetId)}, which reads this bean as {@code @latestReadings}, so that any page can
 * include the panel with the asset's id alone).
 */
@Component("latestReadings")
public class LatestReadings {

  /** Readings shown. */
  public static final int SHOWN = 10;

  /**
   * The latest readings of an asset of the register.
   *
   * @param timeZone the asset's zone, which times are shown in
   * @param readings newest first, at most {@value #SHOWN}
   */
  public record View(String assetId, String timeZone, List<StoredReading> readings) {}

  private final AssetCatalog assets;
  private final ReadingStore store;

  public LatestReadings(AssetCatalog assets, ReadingStore store) {
    this.assets = assets;
    this.store = store;
  }

  /** The asset's latest readings; empty when the register has no such asset. */
  public Optional<View> of(String assetId) {
    return assets
        .find(assetId)
        .map(
            asset ->
                new View(
                    asset.assetId(),
                    asset.timeZone(),
                    store.latest(
                        asset.assetId(),
                        asset.kpis().stream().map(KpiDefinition::kpiId).toList(),
                        SHOWN)));
  }
}
