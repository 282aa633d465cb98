package io.twinledger.ledger.asset.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Defines a KPI on an asset, or replaces the definition with the same KPI id.
 *
 * @param expectedVersion the asset version the caller last saw; a different current version fails
 */
public record DefineKpi(
    @TargetAggregateIdentifier String assetId,
    @TargetAggregateVersion Long expectedVersion,
    KpiDefinition definition) {

  public DefineKpi {
    Require.present(assetId, "assetId");
    Require.version(expectedVersion, "expectedVersion");
    Require.present(definition, "definition");
  }
}
