package io.twinledger.ledger.asset.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Replaces an asset's parameters. The class of the new parameters must be the asset's class.
 *
 * @param expectedVersion the asset version the caller last saw; a different current version fails
 */
public record UpdateAssetParameters(
    @TargetAggregateIdentifier String assetId,
    @TargetAggregateVersion Long expectedVersion,
    AssetParameters parameters) {

  public UpdateAssetParameters {
    Require.present(assetId, "assetId");
    Require.version(expectedVersion, "expectedVersion");
    Require.present(parameters, "parameters");
  }
}
