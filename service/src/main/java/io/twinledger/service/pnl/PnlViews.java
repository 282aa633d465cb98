package io.twinledger.service.pnl;

import io.twinledger.finance.model.LineKind;
import io.twinledger.finance.model.ParameterUse;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.pnl.MissingValue;
import io.twinledger.finance.pnl.PartialValue;
import io.twinledger.finance.pnl.PeriodKind;
import io.twinledger.finance.pnl.PortfolioStatement;
import io.twinledger.finance.pnl.Statement;
import io.twinledger.finance.pnl.StatementLine;
import io.twinledger.finance.pnl.Totals;
import io.twinledger.ledger.pnl.projection.KpiPeriodRevision;
import io.twinledger.ledger.pnl.projection.LineChange;
import io.twinledger.ledger.pnl.projection.PnlRevisionView;
import io.twinledger.reporting.pnl.AssetStatements;
import io.twinledger.reporting.pnl.LineDrillDown;
import io.twinledger.reporting.pnl.PortfolioStatements;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Response bodies of the P&amp;L API, with the API addresses a client follows from them (the only
 * thing added to what reporting's {@code PnlStatements} assembles). Amounts are exact decimals in
 * the statement currency, rounded half-even to its minor unit per month; {@code exact} values are
 * the model's unrounded figures.
 */
final class PnlViews {

  private static final String PNL = "/api/v1/pnl/assets/";

  private PnlViews() {}

  /** An asset's statements. */
  record AssetPnl(
      String assetId,
      String modelId,
      int modelVersion,
      String currency,
      PeriodKind period,
      List<StatementBody> statements,
      String revisions) {

    static AssetPnl of(AssetStatements asset) {
      String base = PNL + asset.assetId() + "/lines/";
      return new AssetPnl(
          asset.assetId(),
          asset.run().modelId(),
          asset.run().modelVersion(),
          asset.run().currency().getCurrencyCode(),
          asset.kind(),
          asset.statements().stream().map(s -> StatementBody.of(s, base)).toList(),
          PNL + asset.assetId() + "/revisions");
    }
  }

  /**
   * One statement; its totals sum what exists and list the line months they leave out and those
   * that are partial.
   *
   * @param complete whether every month of the period was evaluated
   * @param partialMonths the evaluated months some line of which was computed from a KPI period
   *     under the model's complete coverage
   */
  record StatementBody(
      String period,
      YearMonth first,
      YearMonth last,
      List<YearMonth> months,
      boolean complete,
      List<YearMonth> partialMonths,
      List<LineBody> lines,
      TotalsBody totals) {

    static StatementBody of(Statement statement, String drillDownBase) {
      return new StatementBody(
          statement.period().toString(),
          statement.period().first(),
          statement.period().last(),
          statement.months(),
          statement.complete(),
          statement.partialMonths(),
          statement.lines().stream()
              .map(
                  line ->
                      LineBody.of(
                          line, drillDownBase + line.lineId() + "?period=" + statement.period()))
              .toList(),
          TotalsBody.of(statement.totals()));
    }
  }

  /**
   * One booked line of a statement.
   *
   * @param kpiPeriods the KPI periods behind the amount, as {@code kpi month rREVISION}
   * @param evidenceBatches how many reading batches stand behind the amount
   * @param complete whether every evaluated month has a value computed from complete months
   * @param missing the months without a value, and why; the amount leaves them out
   * @param partial the months computed from a KPI period under the model's complete coverage, and
   *     why (which periods, whether monthly baselines were prorated); the amount includes them
   * @param drillDown where the line's provenance and evidence are
   */
  record LineBody(
      String lineId,
      String label,
      LineKind kind,
      Optional<BigDecimal> amount,
      List<String> kpiPeriods,
      int evidenceBatches,
      boolean complete,
      List<MissingValue> missing,
      List<PartialValue> partial,
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
          line.complete(),
          line.missing(),
          line.partial(),
          drillDown);
    }
  }

  /**
   * Income, costs and net result of a statement: sums of what exists.
   *
   * @param complete whether no line month was left out and none is partial
   * @param missing every line month left out of the sums, and why
   * @param partial every line month the sums include although it is partial, and why
   */
  record TotalsBody(
      BigDecimal income,
      BigDecimal costs,
      BigDecimal netResult,
      boolean complete,
      List<MissingValue> missing,
      List<PartialValue> partial) {

    static TotalsBody of(Totals totals) {
      return new TotalsBody(
          totals.income().amount(),
          totals.costs().amount(),
          totals.netResult().amount(),
          totals.complete(),
          totals.missing(),
          totals.partial());
    }
  }

  /** The portfolio's statements. */
  record PortfolioPnl(
      String portfolioId,
      String currency,
      PeriodKind period,
      List<String> assets,
      List<PortfolioPeriod> statements) {

    static PortfolioPnl of(PortfolioStatements portfolio) {
      return new PortfolioPnl(
          portfolio.portfolioId(),
          portfolio.currency().getCurrencyCode(),
          portfolio.kind(),
          portfolio.assetIds(),
          portfolio.statements().stream()
              .map(p -> PortfolioPeriod.of(p, portfolio.kind()))
              .toList());
    }
  }

  /** One period of the portfolio: each asset's totals and their sums. */
  record PortfolioPeriod(String period, List<AssetTotals> assets, TotalsBody totals) {

    static PortfolioPeriod of(PortfolioStatement statement, PeriodKind kind) {
      return new PortfolioPeriod(
          statement.period().toString(),
          statement.assets().stream()
              .map(
                  s ->
                      new AssetTotals(
                          s.assetId(),
                          s.modelId(),
                          s.complete(),
                          TotalsBody.of(s.totals()),
                          PNL + s.assetId() + "?period=" + kind))
              .toList(),
          TotalsBody.of(statement.totals()));
    }
  }

  /**
   * One asset's totals in a portfolio period.
   *
   * @param complete whether every month of the period was evaluated (a running period is not)
   */
  record AssetTotals(
      String assetId, String modelId, boolean complete, TotalsBody totals, String statement) {}

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
      List<RevisionBody> revisions) {

    static LineDetail of(LineDrillDown line) {
      return new LineDetail(
          line.assetId(),
          line.period().toString(),
          line.lineId(),
          line.label(),
          line.kind(),
          line.modelId(),
          line.modelVersion(),
          line.currency().getCurrencyCode(),
          line.amount().map(Money::amount),
          line.formula(),
          line.parameters(),
          line.lines(),
          line.months().stream()
              .map(m -> new MonthValue(m.month(), m.exact(), m.remarks(), m.partial()))
              .toList(),
          line.kpiPeriods().stream().map(k -> KpiPeriodUsed.of(line.assetId(), k)).toList(),
          line.revisions().stream().map(RevisionBody::of).toList());
    }
  }

  /**
   * The line's exact value in one month of the period.
   *
   * @param partial why the month is partial for the line, and whether it was prorated
   */
  record MonthValue(
      YearMonth month, Optional<BigDecimal> exact, List<String> remarks, List<String> partial) {}

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
      String evidenceBundle) {

    static KpiPeriodUsed of(String assetId, LineDrillDown.KpiPeriodUsed used) {
      String kpi = "/api/v1/assets/" + assetId + "/kpis/" + used.kpiId();
      return new KpiPeriodUsed(
          used.kpiId(),
          used.month(),
          used.revision(),
          used.value(),
          used.unit(),
          used.coveragePercent(),
          used.readingCount(),
          used.evidence().stream().map(EvidenceBatch::of).toList(),
          kpi + "/periods?kind=MONTH&from=" + used.start() + "&to=" + used.end() + "&revisions=all",
          "/api/v1/evidence/kpi-periods?assetId="
              + assetId
              + "&kpiId="
              + used.kpiId()
              + "&kind=MONTH&start="
              + used.start()
              + "&revision="
              + used.revision());
    }
  }

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
      Optional<String> inclusionProof) {

    static EvidenceBatch of(LineDrillDown.EvidenceBatch batch) {
      return new EvidenceBatch(
          batch.digest(),
          batch.batchId(),
          batch.batchId().map(id -> "/api/v1/audit/leaves?readingBatch=" + id),
          batch.batchId().map(id -> "/api/v1/audit/proofs/inclusion?readingBatch=" + id));
    }
  }

  /** A change to the line in one month: the amounts before and after, and why. */
  record RevisionBody(
      YearMonth month,
      int revision,
      String cause,
      boolean existedBefore,
      Optional<BigDecimal> before,
      Optional<BigDecimal> after,
      Instant recordedAt) {

    static RevisionBody of(LineDrillDown.LineRevision r) {
      return new RevisionBody(
          r.month(),
          r.revision(),
          r.cause(),
          r.existedBefore(),
          r.before(),
          r.after(),
          r.recordedAt());
    }
  }

  /** Revisions of an asset's months. */
  record Revisions(String assetId, List<RevisionEntry> revisions) {

    static Revisions of(String assetId, List<PnlRevisionView> revisions) {
      return new Revisions(assetId, revisions.stream().map(RevisionEntry::of).toList());
    }
  }

  /** Revisions of the months of every asset a model computes. */
  record ModelRevisions(String modelId, List<RevisionEntry> revisions) {

    static ModelRevisions of(String modelId, List<PnlRevisionView> revisions) {
      return new ModelRevisions(modelId, revisions.stream().map(RevisionEntry::of).toList());
    }
  }

  /**
   * One revision of one asset's month, with every line it changed.
   *
   * @param cause why: a KPI period closed, or closed again with its cause ({@code correction <id>
   *     by <user>: <reason>} or late readings), or a model defined or revised
   * @param kpiPeriod the KPI period revision that caused it; absent when a model change did
   * @param changes each changed line with its exact amount before and after
   */
  record RevisionEntry(
      String assetId,
      YearMonth month,
      int revision,
      String modelId,
      int modelVersion,
      String cause,
      Optional<KpiPeriodRevision> kpiPeriod,
      List<LineChange> changes,
      Instant recordedAt) {

    static RevisionEntry of(PnlRevisionView r) {
      return new RevisionEntry(
          r.assetId(),
          r.month(),
          r.revision(),
          r.modelId(),
          r.modelVersion(),
          r.cause(),
          r.kpiPeriod(),
          r.changes(),
          r.recordedAt());
    }
  }
}
