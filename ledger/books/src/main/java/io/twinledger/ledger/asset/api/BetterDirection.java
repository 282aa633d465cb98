package io.twinledger.ledger.asset.api;

/** Which way a KPI improves; it decides on which side of a threshold performance is met. */
public enum BetterDirection {
  HIGHER,
  LOWER
}
