package io.twinledger.service.pnl;

import io.twinledger.finance.model.LineKind;
import io.twinledger.finance.model.ParameterUse;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.pnl.PeriodKind;
import io.twinledger.finance.pnl.Statement;
import io.twinledger.finance.pnl.StatementLine;
import io.twinledger.finance.pnl.Totals;
import io.twinledger.ledger.pnl.projection.LineChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Response bodies of the P&amp;L API. Amounts are exact decimals in the statement currency, rounded
 * half-even to its minor unit per month; {@code exact} values are the model's unrounded figures.
 */
final class PnlViews {

  private PnlViews() {}

  /** An asset's statements. */
  record AssetPnl(
      String assetId,
      String modelId,
      int modelVersion,
      String currency,
      PeriodKind period,
      List<StatementBody> statements,
      String revisions) {}

  /** One statement. {@code totals} is absent when any line has no amount. */
  record StatementBody(
      String period,
      YearMonth first,
      YearMonth last,
      List<YearMonth> months,
      boolean complete,
      List<LineBody> lines,
      Optional<TotalsBody> totals) {

    static StatementBody of(Statement statement, String drillDownBase) {
      return new StatementBody(
          statement.period().toString(),
          statement.period().first(),
          statement.period().last(),
          statement.months(),
          statement.complete(),
          statement.lines().stream()
              .map(
                  line ->
                      LineBody.of(
                          line, drillDownBase + line.lineId() + "?period=" + statement.period()))
              .toList(),
          statement.totals().map(TotalsBody::of));
    }
  }

  /**
   * One booked line of a statement.
   *
   * @param kpiPeriods the KPI periods behind the amount, as {@code kpi month rREVISION}
   * @param evidenceBatches how many reading batches stand behind the amount
   * @param drillDown where the line's provenance and evidence are
   */
  record LineBody(
      String lineId,
      String label,
      LineKind kind,
      Optional<BigDecimal> amount,
      List<String> kpiPeriods,
      int evidenceBatches,
      List<String> remarks,
      String drillDown) {

    static LineBody of(StatementLine line, String drillDown) {
      return new LineBody(
          line.lineId(),
          line.label(),
          line.kind(),
          line.amount().map(Money::amount),
          line.provenance().kpis().stream()
              .map(k -> k.kpiId() + " " + k.period() + " r" + k.revision())
              .toList(),
          line.provenance().evidence().size(),
          line.remarks(),
          drillDown);
    }
  }

  /** Income, costs and net result of a statement. */
  record TotalsBody(BigDecimal income, BigDecimal costs, BigDecimal netResult) {

    static TotalsBody of(Totals totals) {
      return new TotalsBody(
          totals.income().amount(), totals.costs().amount(), totals.netResult().amount());
    }
  }

  /** The portfolio's statements. */
  record PortfolioPnl(
      String portfolioId,
      String currency,
      PeriodKind period,
      List<String> assets,
      List<PortfolioPeriod> statements) {}

  /** One period of the portfolio: each asset's totals and their sums. */
  record PortfolioPeriod(String period, List<AssetTotals> assets, Optional<TotalsBody> totals) {}

  /** One asset's totals in a portfolio period; absent when a line has no amount. */
  record AssetTotals(
      String assetId,
      String modelId,
      boolean complete,
      Optional<TotalsBody> totals,
      String statement) {}

  /** The drill-down of one line over one statement period. */
  record LineDetail(
      String assetId,
      String period,
      String lineId,
      String label,
      LineKind kind,
      String modelId,
      int modelVersion,
      String currency,
      Optional<BigDecimal> amount,
      String formula,
      List<ParameterUse> parameters,
      List<String> lines,
      List<MonthValue> months,
      List<KpiPeriodUsed> kpiPeriods,
      List<RevisionBody> revisions) {}

  /** The line's exact value in one month of the period. */
  record MonthValue(YearMonth month, Optional<BigDecimal> exact, List<String> remarks) {}

  /**
   * One KPI period the line read.
   *
   * @param period the KPI period's revisions in the asset register
   * @param evidenceBundle the period's evidence bundle, which {@code ./twinledger verify} checks
   *     offline
   */
  record KpiPeriodUsed(
      String kpiId,
      YearMonth month,
      int revision,
      Optional<BigDecimal> value,
      String unit,
      Optional<BigDecimal> coveragePercent,
      Optional<Integer> readingCount,
      List<EvidenceBatch> evidence,
      String period,
      String evidenceBundle) {}

  /**
   * One reading batch behind a KPI period.
   *
   * @param auditLeaf the batch's leaf in the Merkle audit log
   * @param inclusionProof the proof that the leaf is in the log
   */
  record EvidenceBatch(
      String digest,
      Optional<Long> batchId,
      Optional<String> auditLeaf,
      Optional<String> inclusionProof) {}

  /** A change to the line in one month: the amounts before and after, and why. */
  record RevisionBody(
      YearMonth month,
      int revision,
      String cause,
      boolean existedBefore,
      Optional<BigDecimal> before,
      Optional<BigDecimal> after,
      Instant recordedAt) {}

  /** Revisions of an asset's months. */
  record Revisions(String assetId, List<RevisionEntry> revisions) {}

  /** One revision of one month, with every line it changed. */
  record RevisionEntry(
      YearMonth month,
      int revision,
      String modelId,
      int modelVersion,
      String cause,
      List<LineChange> changes,
      Instant recordedAt) {}
}
