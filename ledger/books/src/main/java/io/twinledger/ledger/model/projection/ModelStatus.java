package io.twinledger.ledger.model.projection;

/** Whether a model still computes P&amp;L. */
public enum ModelStatus {
  ACTIVE,
  RETIRED
}
