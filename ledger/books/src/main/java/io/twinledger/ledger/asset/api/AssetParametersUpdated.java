package io.twinledger.ledger.asset.api;

/** An asset's parameters were replaced; {@code parameters} is the complete new set. */
public record AssetParametersUpdated(String assetId, AssetParameters parameters) {}
