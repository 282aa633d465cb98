package io.twinledger.finance.pnl;

import java.util.Currency;
import java.util.List;

/**
 * The P&amp;L of several assets for one period, in one currency.
 *
 * @param portfolioId the portfolio
 * @param period the statement period
 * @param currency the currency of every asset statement
 * @param assets one statement per asset, with its lines and provenance
 * @param totals the sums of the asset totals, with every asset's line months they leave out
 */
public record PortfolioStatement(
    String portfolioId,
    StatementPeriod period,
    Currency currency,
    List<Statement> assets,
    Totals totals) {

  public PortfolioStatement {
    assets = List.copyOf(assets);
  }
}
