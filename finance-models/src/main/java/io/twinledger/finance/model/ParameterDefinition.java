package io.twinledger.finance.model;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A named constant of a model: a tariff, a baseline, a yearly maximum payment.
 *
 * @param value the exact value, in {@code unit}
 * @param unit a unit expression such as {@code EUR/MTQ}, {@code EUR}, {@code MTQ}, {@code P1} or
 *     {@code 1} (see {@link io.twinledger.finance.model.unit.Unit#parse(String)})
 * @param description what the value means and where it comes from
 * @param monthlyBaseline whether the value is a fixed amount per month (an agreed monthly baseline
 *     volume, a monthly fee): in a partial month it is prorated to the days the KPI periods cover
 *     (see {@link ModelDefinition#completeCoverage()})
 */
public record ParameterDefinition(
    BigDecimal value, String unit, Optional<String> description, boolean monthlyBaseline) {

  /** This parameter with another value, its unit, description and baseline flag kept. */
  public ParameterDefinition withValue(BigDecimal newValue) {
    return new ParameterDefinition(newValue, unit, description, monthlyBaseline);
  }

  public ParameterDefinition {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(description, "description");
  }
}
