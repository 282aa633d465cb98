package io.twinledger.twin.unit;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A reading converted to a target unit, with the value and unit it arrived in kept as evidence.
 *
 * @param value the converted value, without trailing zeros (1.50 and 1.5 are the same value)
 * @param unit the unit of {@code value}: the canonical SI unit or the KPI's unit
 * @param originalValue the value exactly as received, scale included
 * @param originalUnit the unit the value was received in
 * @param exact {@code false} if {@code value} had to be rounded to 34 significant digits because
 *     the conversion factor has no finite decimal expansion; recompute from the original for the
 *     exact figure
 */
public record NormalisedValue(
    BigDecimal value,
    UnitCode unit,
    BigDecimal originalValue,
    UnitCode originalUnit,
    boolean exact) {

  public NormalisedValue {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(originalValue, "originalValue");
    Objects.requireNonNull(originalUnit, "originalUnit");
    if (unit.dimension() != originalUnit.dimension()) {
      throw new IncompatibleUnitsException(originalUnit, unit);
    }
  }
}
