package io.twinledger.reporting.pnl;

import io.twinledger.finance.pnl.PeriodKind;
import io.twinledger.finance.pnl.PortfolioStatement;
import java.util.Currency;
import java.util.List;

/** The portfolio's statements: each asset's totals per period and their sums. */
public record PortfolioStatements(
    String portfolioId,
    Currency currency,
    PeriodKind kind,
    List<String> assetIds,
    List<PortfolioStatement> statements) {

  public PortfolioStatements {
    assetIds = List.copyOf(assetIds);
    statements = List.copyOf(statements);
  }
}
