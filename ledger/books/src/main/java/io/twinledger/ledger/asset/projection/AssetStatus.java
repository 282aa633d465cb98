package io.twinledger.ledger.asset.projection;

/** Whether an asset is in service. */
public enum AssetStatus {
  ACTIVE,
  DECOMMISSIONED
}
