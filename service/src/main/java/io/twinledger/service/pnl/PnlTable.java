package io.twinledger.service.pnl;

import io.twinledger.finance.pnl.Statement;
import io.twinledger.finance.pnl.StatementLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An asset's statements laid out as a P&amp;L reads: one row per line, in the model's order, one
 * column per statement period. A line a statement does not book is an empty cell.
 *
 * @param statements the columns, oldest first
 * @param rows the lines, each with its cell in every statement
 */
public record PnlTable(List<Statement> statements, List<Row> rows) {

  /**
   * One line across the statements.
   *
   * @param cells one per statement, in the statements' order; empty where it is not booked
   */
  public record Row(String lineId, String label, List<Optional<StatementLine>> cells) {}

  /** The table of the given statements. */
  public static PnlTable of(List<Statement> statements) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Statement statement : statements) {
      statement.lines().forEach(line -> labels.putIfAbsent(line.lineId(), line.label()));
    }
    List<Row> rows = new ArrayList<>();
    labels.forEach(
        (lineId, label) ->
            rows.add(
                new Row(lineId, label, statements.stream().map(s -> s.line(lineId)).toList())));
    return new PnlTable(statements, rows);
  }
}
