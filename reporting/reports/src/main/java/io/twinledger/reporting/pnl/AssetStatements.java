package io.twinledger.reporting.pnl;

import io.twinledger.finance.model.ModelRun;
import io.twinledger.finance.pnl.PeriodKind;
import io.twinledger.finance.pnl.Statement;
import java.util.List;

/**
 * An asset's P&amp;L statements of one period kind.
 *
 * @param run the model's monthly results the statements sum up
 */
public record AssetStatements(
    String assetId, ModelRun run, PeriodKind kind, List<Statement> statements) {

  public AssetStatements {
    statements = List.copyOf(statements);
  }
}
