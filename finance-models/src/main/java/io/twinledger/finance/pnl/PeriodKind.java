package io.twinledger.finance.pnl;

/** The length of a statement period; quarters and years are calendar quarters and years. */
public enum PeriodKind {
  MONTH,
  QUARTER,
  YEAR
}
