package io.twinledger.finance.pnl;

import io.twinledger.finance.model.LineKind;
import io.twinledger.finance.model.Provenance;
import io.twinledger.finance.money.Money;
import java.util.List;
import java.util.Optional;

/**
 * One booked line of a P&amp;L statement.
 *
 * @param lineId the model line
 * @param label the model line's label
 * @param kind the line's kind; the amount is positive in the direction of the kind (see {@link
 *     LineKind})
 * @param amount the sum of the rounded amounts of the months that have one; empty only if no month
 *     of the period has a value
 * @param provenance KPI observations, evidence, parameters and lines behind the amount, merged over
 *     the months of the period
 * @param missing the months without a value and why, in month order; the amount leaves them out
 * @param partial the months whose value was computed from a partial month and why, in month order;
 *     the amount includes them
 */
public record StatementLine(
    String lineId,
    String label,
    LineKind kind,
    Optional<Money> amount,
    Provenance provenance,
    List<MissingValue> missing,
    List<PartialValue> partial) {

  public StatementLine {
    missing = List.copyOf(missing);
    partial = List.copyOf(partial);
  }

  /**
   * Whether every evaluated month of the period has a value computed from complete months, so the
   * amount is the whole.
   */
  public boolean complete() {
    return missing.isEmpty() && partial.isEmpty();
  }
}
