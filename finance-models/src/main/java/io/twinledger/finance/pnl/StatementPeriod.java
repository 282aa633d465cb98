package io.twinledger.finance.pnl;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A calendar month, quarter or year.
 *
 * @param kind month, quarter or year
 * @param first the first month of the period
 */
public record StatementPeriod(PeriodKind kind, YearMonth first) {

  public StatementPeriod {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(first, "first");
    boolean aligned =
        switch (kind) {
          case MONTH -> true;
          case QUARTER -> (first.getMonthValue() - 1) % 3 == 0;
          case YEAR -> first.getMonthValue() == 1;
        };
    if (!aligned) {
      throw new IllegalArgumentException(first + " does not start a calendar " + kind);
    }
  }

  /** The period of the given kind that contains the month. */
  public static StatementPeriod containing(PeriodKind kind, YearMonth month) {
    return new StatementPeriod(
        kind,
        switch (kind) {
          case MONTH -> month;
          case QUARTER -> month.withMonth(month.getMonthValue() - (month.getMonthValue() - 1) % 3);
          case YEAR -> month.withMonth(1);
        });
  }

  /** The last month of the period. */
  public YearMonth last() {
    return first.plusMonths(length() - 1);
  }

  /** Every month of the period, in order. */
  public List<YearMonth> months() {
    List<YearMonth> months = new ArrayList<>();
    for (int i = 0; i < length(); i++) {
      months.add(first.plusMonths(i));
    }
    return months;
  }

  private int length() {
    return switch (kind) {
      case MONTH -> 1;
      case QUARTER -> 3;
      case YEAR -> 12;
    };
  }

  /** {@code 2025-03}, {@code 2025-Q1} or {@code 2025}. */
  @Override
  public String toString() {
    return switch (kind) {
      case MONTH -> first.toString();
      case QUARTER -> first.getYear() + "-Q" + ((first.getMonthValue() - 1) / 3 + 1);
      case YEAR -> Integer.toString(first.getYear());
    };
  }
}
