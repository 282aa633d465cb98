package io.twinledger.ledger.correction.api;

/** What a correction does to the reading or batch it names. */
public enum CorrectionAction {
  /** The reading, or every reading of the batch, no longer counts in any period. */
  VOID,
  /** The reading counts with a corrected value in the same unit. */
  SUPERSEDE,
  /** The reading is kept out of periods until reviewed: recorded by the spike rule, not a user. */
  HOLD,
  /** A held reading counts again as it arrived. */
  RELEASE,
  /**
   * A quarantined payload was fixed and stored again: the target is the batch it became, and the
   * correction names the quarantine entry it replaces.
   */
  RESUBMIT
}
