package io.twinledger.reporting.report;

import java.math.BigDecimal;

/** {@value #NAME}: the sum of earlier figures in one unit, such as a year's payments. */
public record SumFormula() implements FigureFormula {

  /** The formula's name. */
  public static final String NAME = "sum";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String compute(Figure figure, FigureData data) throws FigureException {
    BigDecimal sum = BigDecimal.ZERO;
    for (String id : figure.inputs()) {
      Figure added = data.figure(id);
      if (!added.unit().equals(figure.unit())) {
        throw new FigureException(
            "adds " + id + " in " + added.unit() + " to a sum in " + figure.unit());
      }
      try {
        sum = sum.add(new BigDecimal(added.value()));
      } catch (NumberFormatException e) {
        throw new FigureException(id + " is not a number: " + added.value());
      }
    }
    // Kept at the addends' scale: a sum of amounts in cents reads in cents.
    return sum.toPlainString();
  }
}
