package io.twinledger.finance.model;

import io.twinledger.finance.model.formula.Expr;
import io.twinledger.finance.model.unit.Unit;

/**
 * A line of a {@link ValidatedModel}: its definition, parsed formula and resolved unit.
 *
 * @param definition the line as written
 * @param index the line's position in the definition (as in error paths {@code lines[index]})
 * @param formula the parsed formula
 * @param unit the unit of the line's values: the model currency for booked lines
 */
public record ValidatedLine(LineDefinition definition, int index, Expr formula, Unit unit) {

  public String id() {
    return definition.id();
  }
}
