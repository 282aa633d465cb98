package io.twinledger.service.bond;

import io.twinledger.ledger.asset.api.KpiPeriodClosed;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import java.time.YearMonth;
import java.time.ZoneId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Watches KPI periods closed again under a new revision, and raises a dispute on every
 * determination that used an earlier revision: a payment already decided or declared is never
 * changed silently.
 */
@ProcessingGroup(BondDisputes.PROCESSING_GROUP)
public class BondDisputes {

  /** Name of the streaming processor and of its token. */
  public static final String PROCESSING_GROUP = "bond-disputes";

  private final BondDeterminations determinations;
  private final AssetCatalog assets;

  public BondDisputes(BondDeterminations determinations, AssetCatalog assets) {
    this.determinations = determinations;
    this.assets = assets;
  }

  @EventHandler
  void on(KpiPeriodClosed event) {
    if (event.revision() < 2 || !event.periodKind().equals("MONTH")) {
      return;
    }
    assets
        .find(event.assetId())
        .ifPresent(
            asset ->
                determinations.disputeRevision(
                    event.assetId(),
                    event.kpiId(),
                    YearMonth.from(event.periodStart().atZone(ZoneId.of(asset.timeZone()))),
                    event.revision(),
                    event.value()));
  }
}
