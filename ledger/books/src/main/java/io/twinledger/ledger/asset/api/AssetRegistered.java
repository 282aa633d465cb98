package io.twinledger.ledger.asset.api;

/** An asset was registered with its class-specific parameters. */
public record AssetRegistered(
    String assetId, String name, String timeZone, AssetParameters parameters) {}
