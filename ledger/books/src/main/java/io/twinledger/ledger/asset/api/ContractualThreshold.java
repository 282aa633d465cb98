package io.twinledger.ledger.asset.api;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A named KPI level that a contract refers to, such as a bond's outperformance trigger.
 *
 * @param name identifier used by contracts, lower case, for example {@code outperformance}
 * @param value the level, in the KPI's unit
 */
public record ContractualThreshold(String name, BigDecimal value) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  public ContractualThreshold {
    Require.matching(name, NAME, "lower case letters, digits, '_' or '-' (max 64)", "name");
    value = Require.decimal(value, "value");
  }

  /**
   * Whether a period value meets this level: at or below it for a KPI where lower is better, at or
   * above it where higher is better. Equal values meet it, as "at most" and "at least" terms read.
   */
  public boolean metBy(BigDecimal periodValue, BetterDirection direction) {
    int comparison = periodValue.compareTo(value);
    return direction == BetterDirection.LOWER ? comparison <= 0 : comparison >= 0;
  }
}
