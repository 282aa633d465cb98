package io.twinledger.finance.pnl;

import io.twinledger.finance.money.Money;

/**
 * The totals of a statement, each the exact sum of rounded line amounts.
 *
 * @param income revenue plus performance payments minus deductions
 * @param costs operating plus capital costs plus financing
 * @param netResult income minus costs
 */
public record Totals(Money income, Money costs, Money netResult) {}
