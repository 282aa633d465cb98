package io.twinledger.finance.model;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Every line of a model evaluated for one month, in the order of the definition.
 *
 * @param period the month
 * @param lines one value per line of the model
 */
public record PeriodValues(YearMonth period, List<LineValue> lines) {

  public PeriodValues {
    lines = List.copyOf(lines);
  }

  /** The value of a line, if the model has the line. */
  public Optional<LineValue> line(String lineId) {
    return lines.stream().filter(l -> l.lineId().equals(lineId)).findFirst();
  }
}
