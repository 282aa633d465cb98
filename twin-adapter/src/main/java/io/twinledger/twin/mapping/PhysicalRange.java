package io.twinledger.twin.mapping;

import io.twinledger.twin.reading.DecimalText;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The values a reading can physically take, in the KPI's unit; a reading outside is a sensor fault,
 * not a measurement. Both bounds are inclusive.
 *
 * @param min smallest plausible value, if bounded below
 * @param max largest plausible value, if bounded above; at least one bound is given
 */
public record PhysicalRange(Optional<BigDecimal> min, Optional<BigDecimal> max) {

  public PhysicalRange {
    // Without trailing zeros, so that 0 and 0.0 are one bound and ranges compare as values.
    min = Objects.requireNonNull(min, "min").map(DecimalText::normalised);
    max = Objects.requireNonNull(max, "max").map(DecimalText::normalised);
    if (min.isEmpty() && max.isEmpty()) {
      throw new InvalidMappingException("", "needs min, max or both");
    }
    if (min.isPresent() && max.isPresent() && max.get().compareTo(min.get()) < 0) {
      throw new InvalidMappingException(
          "max", "must not be below min " + min.get().toPlainString() + ", was " + max.get());
    }
  }

  /** The bounds as {@code min..max}, an open side as {@code -inf} or {@code +inf}. */
  public String label() {
    return min.map(BigDecimal::toPlainString).orElse("-inf")
        + ".."
        + max.map(BigDecimal::toPlainString).orElse("+inf");
  }

  /** Whether {@code value} lies within the bounds. */
  public boolean contains(BigDecimal value) {
    return min.map(m -> value.compareTo(m) >= 0).orElse(true)
        && max.map(m -> value.compareTo(m) <= 0).orElse(true);
  }
}
