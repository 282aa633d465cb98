package io.twinledger.finance.pnl;

import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The P&amp;L of one asset for one month, quarter or year, from one model version.
 *
 * @param assetId the asset
 * @param modelId the model that computed it
 * @param modelVersion the model's version
 * @param period the statement period
 * @param months the months of the period that were evaluated; fewer than the period has for a
 *     period still running (quarter or year to date)
 * @param currency the currency of every amount
 * @param lines the booked lines, in the order of the model definition
 * @param totals the sums of the line amounts, with every line month they leave out
 */
public record Statement(
    String assetId,
    String modelId,
    int modelVersion,
    StatementPeriod period,
    List<YearMonth> months,
    Currency currency,
    List<StatementLine> lines,
    Totals totals) {

  public Statement {
    months = List.copyOf(months);
    lines = List.copyOf(lines);
  }

  /**
   * Whether every month of the period was evaluated. A month may be evaluated and still be partial:
   * see {@link #partialMonths()} and {@link Totals#complete()}.
   */
  public boolean complete() {
    return months.equals(period.months());
  }

  /** The months some line of which was computed from a partial month, in month order. */
  public List<YearMonth> partialMonths() {
    return totals.partial().stream().map(PartialValue::month).distinct().sorted().toList();
  }

  /** The line of the given id, if the model has it and it is booked. */
  public Optional<StatementLine> line(String lineId) {
    return lines.stream().filter(l -> l.lineId().equals(lineId)).findFirst();
  }
}
