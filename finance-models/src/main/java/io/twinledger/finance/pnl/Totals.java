package io.twinledger.finance.pnl;

import io.twinledger.finance.money.Money;
import java.util.List;

/**
 * The totals of a statement, each the exact sum of rounded line amounts. A line month without a
 * value adds nothing and is listed in {@code missing}: the totals then sum what exists and are not
 * {@link #complete()}.
 *
 * @param income revenue plus performance payments minus deductions
 * @param costs operating plus capital costs plus financing
 * @param netResult income minus costs
 * @param missing every line month the sums leave out, and why
 */
public record Totals(Money income, Money costs, Money netResult, List<MissingValue> missing) {

  public Totals {
    missing = List.copyOf(missing);
  }

  /** Whether no line month was left out. */
  public boolean complete() {
    return missing.isEmpty();
  }
}
