package io.twinledger.finance.model;

import io.twinledger.finance.model.unit.Unit;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One line of a model evaluated for one month.
 *
 * @param lineId the line
 * @param label the line's label
 * @param kind the line's kind
 * @param unit the unit of the value: the model currency for booked lines
 * @param value the exact value (MathContext.DECIMAL128, not rounded to the currency's minor unit);
 *     empty when an input it needs has no value
 * @param provenance what the value was computed from
 * @param remarks why the value is missing, or which missing inputs {@code coalesce} replaced
 * @param partial why the month is partial for this line: each KPI period read that covers less than
 *     the model's complete coverage, and whether the monthly baselines were prorated to the covered
 *     days or the amount is not prorated; empty when every period read is complete
 */
public record LineValue(
    String lineId,
    String label,
    LineKind kind,
    Unit unit,
    Optional<BigDecimal> value,
    Provenance provenance,
    List<String> remarks,
    List<String> partial) {

  public LineValue {
    remarks = List.copyOf(remarks);
    partial = List.copyOf(partial);
  }
}
