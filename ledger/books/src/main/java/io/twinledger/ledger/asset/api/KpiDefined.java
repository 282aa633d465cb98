package io.twinledger.ledger.asset.api;

/** A KPI was defined on an asset, replacing any earlier definition with the same KPI id. */
public record KpiDefined(String assetId, KpiDefinition definition) {}
