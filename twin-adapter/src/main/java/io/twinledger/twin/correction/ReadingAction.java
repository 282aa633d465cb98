package io.twinledger.twin.correction;

import io.twinledger.twin.reading.Reading;
import java.math.BigDecimal;
import java.util.Optional;

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

  /**
   * How {@code stored} counts in periods when this is the latest correction applied to it: not at
   * all when this {@linkplain #excludes() excludes} it; a superseded reading with {@code value},
   * the corrected value in the reading's unit, what the source sent kept as evidence; any other as
   * it arrived. The one rule both the period close and the offline verifier apply.
   *
   * @param value the corrected value, which only {@link #SUPERSEDE} carries
   * @throws IllegalArgumentException if a supersession has no value
   */
  public Optional<Reading> applied(Reading stored, Optional<BigDecimal> value) {
    if (excludes()) {
      return Optional.empty();
    }
    if (this != SUPERSEDE) {
      return Optional.of(stored);
    }
    BigDecimal corrected =
        value.orElseThrow(() -> new IllegalArgumentException("a supersession has no value"));
    return Optional.of(
        new Reading(
            stored.source(),
            stored.sensorId(),
            stored.assetId(),
            stored.kpiId(),
            stored.observedAt(),
            corrected,
            stored.unit(),
            stored.originalValue(),
            stored.originalUnit()));
  }
}
