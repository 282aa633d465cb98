package io.twinledger.finance.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of a cash-flow model.
 *
 * @param id unique within the model; other formulas refer to it with {@code line("id")}
 * @param kind what the line books; see {@link LineKind} for the sign convention
 * @param label the text shown on a statement
 * @param formula the formula text (see {@link io.twinledger.finance.model.formula.FormulaParser})
 * @param unit the unit of the result; required for {@link LineKind#MEMO} lines, and for every other
 *     kind either absent or the model currency
 */
public record LineDefinition(
    String id, LineKind kind, String label, String formula, Optional<String> unit) {

  public LineDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(formula, "formula");
    Objects.requireNonNull(unit, "unit");
  }
}
