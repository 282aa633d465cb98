package io.twinledger.ledger.asset.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Takes an asset out of service. Its history stays; no further changes are accepted.
 *
 * @param expectedVersion the asset version the caller last saw; a different current version fails
 * @param reason why, for the audit trail
 */
public record DecommissionAsset(
    @TargetAggregateIdentifier String assetId,
    @TargetAggregateVersion Long expectedVersion,
    String reason) {

  public DecommissionAsset {
    Require.present(assetId, "assetId");
    Require.version(expectedVersion, "expectedVersion");
    reason = Require.text(reason, 500, "reason");
  }
}
