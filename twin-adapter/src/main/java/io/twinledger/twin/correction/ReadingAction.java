package io.twinledger.twin.correction;

/**
 * What a correction does to a stored reading, as period closes apply it; the books' {@code
 * CorrectionAction} by the same names decides which are allowed.
 */
public enum ReadingAction {
  /** Left out of every period. */
  VOID,
  /** Counted with the corrected value. */
  SUPERSEDE,
  /** Left out until reviewed. */
  HOLD,
  /** Counted again as it arrived. */
  RELEASE,
  /** A batch stored from a fixed quarantined payload: counted as it arrived. */
  RESUBMIT;

  /** Whether a reading whose latest applied correction is this one is left out of periods. */
  public boolean excludes() {
    return this == VOID || this == HOLD;
  }
}
