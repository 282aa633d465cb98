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
 * @param amount rounded to the currency's minor unit; empty if any month of the period has no value
 * @param provenance KPI observations, evidence, parameters and lines behind the amount, merged over
 *     the months of the period
 * @param remarks why the amount is missing, prefixed with the month
 */
public record StatementLine(
    String lineId,
    String label,
    LineKind kind,
    Optional<Money> amount,
    Provenance provenance,
    List<String> remarks) {

  public StatementLine {
    remarks = List.copyOf(remarks);
  }
}
