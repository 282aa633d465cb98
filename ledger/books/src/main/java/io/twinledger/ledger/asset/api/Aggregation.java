package io.twinledger.ledger.asset.api;

/** How readings within a KPI period combine into the period's value. */
public enum Aggregation {
  SUM,
  MEAN,
  MIN,
  MAX,
  /** The last reading observed in the period. */
  LAST
}
