package io.twinledger.ledger.asset.api;

/** An asset was taken out of service. */
public record AssetDecommissioned(String assetId, String reason) {}
