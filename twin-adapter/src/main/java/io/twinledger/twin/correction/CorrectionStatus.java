package io.twinledger.twin.correction;

/** Where a correction stands. */
public enum CorrectionStatus {
  /** Recorded; waits for a second person because it changes a closed period. */
  WAITING,
  /** In effect: period closes read readings through it. */
  APPLIED,
  /** Refused by the second person; never in effect. */
  REJECTED
}
