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
}
