package io.twinledger.finance.pnl;

import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The P&amp;L of several assets for one period, in one currency.
 *
 * @param portfolioId the portfolio
 * @param period the statement period
 * @param currency the currency of every asset statement
 * @param assets one statement per asset, with its lines and provenance
 * @param totals the sums of the asset totals; empty if any asset's totals are
 */
public record PortfolioStatement(
    String portfolioId,
    StatementPeriod period,
    Currency currency,
    List<Statement> assets,
    Optional<Totals> totals) {

  public PortfolioStatement {
    assets = List.copyOf(assets);
  }
}
