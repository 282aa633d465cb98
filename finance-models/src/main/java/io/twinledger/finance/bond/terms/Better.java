package io.twinledger.finance.bond.terms;

import java.math.BigDecimal;

/** Which way a KPI improves. */
public enum Better {
  /** More is better: a target is met when the value is at least the target. */
  HIGHER,
  /** Less is better: a target is met when the value is at most the target. */
  LOWER;

  /** Whether {@code value} meets {@code target}; a value equal to the target meets it. */
  public boolean meets(BigDecimal value, BigDecimal target) {
    int comparison = value.compareTo(target);
    return this == HIGHER ? comparison >= 0 : comparison <= 0;
  }

  /**
   * How far {@code value} is better than {@code baseline}: {@code value − baseline} for HIGHER,
   * {@code baseline − value} for LOWER; negative when it is worse.
   */
  public BigDecimal improvement(BigDecimal value, BigDecimal baseline) {
    return this == HIGHER ? value.subtract(baseline) : baseline.subtract(value);
  }
}
