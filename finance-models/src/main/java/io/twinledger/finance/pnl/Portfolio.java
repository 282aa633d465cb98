package io.twinledger.finance.pnl;

import io.twinledger.finance.model.ModelRun;
import io.twinledger.finance.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds portfolio P&amp;L statements: several assets (each evaluated with its own model) for the
 * same periods, in one currency. Totals are sums of the asset statements' totals, which are
 * themselves sums of rounded amounts, so a portfolio reconciles exactly with its assets.
 */
public final class Portfolio {

  private Portfolio() {}

  /** Monthly portfolio statements over the months the runs cover. */
  public static List<PortfolioStatement> monthly(String portfolioId, List<ModelRun> runs) {
    return combine(portfolioId, runs, Statements::monthly);
  }

  /** Quarterly portfolio statements. */
  public static List<PortfolioStatement> quarterly(String portfolioId, List<ModelRun> runs) {
    return combine(portfolioId, runs, Statements::quarterly);
  }

  /** Yearly portfolio statements. */
  public static List<PortfolioStatement> yearly(String portfolioId, List<ModelRun> runs) {
    return combine(portfolioId, runs, Statements::yearly);
  }

  /**
   * One portfolio statement from asset statements of the same period.
   *
   * @throws IllegalArgumentException if the statements are of different periods or currencies, or
   *     none is given
   */
  public static PortfolioStatement of(String portfolioId, List<Statement> statements) {
    if (statements.isEmpty()) {
      throw new IllegalArgumentException("portfolio " + portfolioId + " has no asset statements");
    }
    Statement first = statements.get(0);
    for (Statement statement : statements) {
      if (!statement.currency().equals(first.currency())) {
        throw new IllegalArgumentException(
            "portfolio "
                + portfolioId
                + ": asset "
                + statement.assetId()
                + " is in "
                + statement.currency()
                + " but asset "
                + first.assetId()
                + " is in "
                + first.currency()
                + "; a portfolio statement has one currency");
      }
      if (!statement.period().equals(first.period())) {
        throw new IllegalArgumentException(
            "portfolio "
                + portfolioId
                + ": asset "
                + statement.assetId()
                + " is for "
                + statement.period()
                + " but asset "
                + first.assetId()
                + " is for "
                + first.period());
      }
    }
    return new PortfolioStatement(
        portfolioId, first.period(), first.currency(), statements, totals(statements));
  }

  private static List<PortfolioStatement> combine(
      String portfolioId, List<ModelRun> runs, Function<ModelRun, List<Statement>> statements) {
    Map<StatementPeriod, List<Statement>> byPeriod =
        new TreeMap<>(
            (a, b) ->
                a.first().equals(b.first())
                    ? a.kind().compareTo(b.kind())
                    : a.first().compareTo(b.first()));
    for (ModelRun run : runs) {
      for (Statement statement : statements.apply(run)) {
        byPeriod.computeIfAbsent(statement.period(), p -> new ArrayList<>()).add(statement);
      }
    }
    List<PortfolioStatement> result = new ArrayList<>();
    byPeriod.forEach((period, assets) -> result.add(of(portfolioId, assets)));
    return result;
  }

  private static Totals totals(List<Statement> statements) {
    Currency currency = statements.get(0).currency();
    BigDecimal income = BigDecimal.ZERO;
    BigDecimal costs = BigDecimal.ZERO;
    List<MissingValue> missing = new ArrayList<>();
    List<PartialValue> partial = new ArrayList<>();
    for (Statement statement : statements) {
      income = income.add(statement.totals().income().amount());
      costs = costs.add(statement.totals().costs().amount());
      missing.addAll(statement.totals().missing());
      partial.addAll(statement.totals().partial());
    }
    return new Totals(
        new Money(income, currency),
        new Money(costs, currency),
        new Money(income.subtract(costs), currency),
        missing,
        partial);
  }
}
