package io.twinledger.reporting.report;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * {@value #NAME}: the sum of earlier figures in one unit, such as a year's payments. Parameter
 * {@code subtract}, when given, lists the inputs (comma-separated figure ids) that count
 * negatively, so that a net income is income minus deductions and costs.
 */
public record SumFormula() implements FigureFormula {

  /** The formula's name. */
  public static final String NAME = "sum";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String compute(Figure figure, FigureData data) throws FigureException {
    List<String> subtracted =
        Arrays.stream(figure.parameters().getOrDefault("subtract", "").split(","))
            .filter(id -> !id.isEmpty())
            .toList();
    for (String id : subtracted) {
      if (!figure.inputs().contains(id)) {
        throw new FigureException("subtracts " + id + ", which it does not read");
      }
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (String id : figure.inputs()) {
      Figure added = data.figure(id);
      if (!added.unit().equals(figure.unit())) {
        throw new FigureException(
            "adds " + id + " in " + added.unit() + " to a sum in " + figure.unit());
      }
      BigDecimal value;
      try {
        value = new BigDecimal(added.value());
      } catch (NumberFormatException e) {
        throw new FigureException(id + " is not a number: " + added.value());
      }
      sum = subtracted.contains(id) ? sum.subtract(value) : sum.add(value);
    }
    // Kept at the addends' scale: a sum of amounts in cents reads in cents.
    return sum.toPlainString();
  }
}
