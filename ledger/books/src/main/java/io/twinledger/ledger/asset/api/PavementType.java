package io.twinledger.ledger.asset.api;

/** Surface type of a road segment; it selects which distress measures apply. */
public enum PavementType {
  ASPHALT,
  CONCRETE,
  COMPOSITE
}
