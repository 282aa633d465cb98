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
 */
public record ParameterDefinition(BigDecimal value, String unit, Optional<String> description) {

  public ParameterDefinition {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(description, "description");
  }
}
