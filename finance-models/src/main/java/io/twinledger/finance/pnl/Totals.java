package io.twinledger.finance.pnl;

import io.twinledger.finance.money.Money;
import java.util.List;

/**
 * The totals of a statement, each the exact sum of rounded line amounts. A line month without a
 * value adds nothing and is listed in {@code missing}: the totals then sum what exists and are not
 * {@link #complete()}. A line month computed from a partial month adds its amount and is listed in
 * {@code partial}: the totals are then not complete either.
 *
 * @param income revenue plus performance payments minus deductions
 * @param costs operating plus capital costs plus financing
 * @param netResult income minus costs
 * @param missing every line month the sums leave out, and why
 * @param partial every line month the sums include although it is partial, and why
 */
public record Totals(
    Money income,
    Money costs,
    Money netResult,
    List<MissingValue> missing,
    List<PartialValue> partial) {

  public Totals {
    missing = List.copyOf(missing);
    partial = List.copyOf(partial);
  }

  /** Whether no line month was left out and none is partial. */
  public boolean complete() {
    return missing.isEmpty() && partial.isEmpty();
  }
}
