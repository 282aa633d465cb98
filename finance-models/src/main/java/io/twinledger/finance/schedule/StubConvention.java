package io.twinledger.finance.schedule;

/** Where an irregular period goes when the dates do not divide into whole periods. */
public enum StubConvention {
  /**
   * Dates are generated backward from the end date, so any short period comes first (the market
   * default for bonds: coupon dates follow from maturity).
   */
  SHORT_FRONT,
  /** Dates are generated forward from the start date, so any short period comes last. */
  SHORT_BACK
}
