package io.twinledger.reporting.pnl;

import io.twinledger.finance.model.KpiUse;
import io.twinledger.finance.model.LineValue;
import io.twinledger.finance.model.ModelRun;
import io.twinledger.finance.model.Provenance;
import io.twinledger.finance.pnl.PeriodKind;
import io.twinledger.finance.pnl.Portfolio;
import io.twinledger.finance.pnl.PortfolioStatement;
import io.twinledger.finance.pnl.Statement;
import io.twinledger.finance.pnl.StatementLine;
import io.twinledger.finance.pnl.StatementPeriod;
import io.twinledger.finance.pnl.Statements;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetView;
import io.twinledger.ledger.asset.projection.KpiPeriodView;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.pnl.projection.LineChange;
import io.twinledger.ledger.pnl.projection.PnlBook;
import io.twinledger.ledger.pnl.projection.PnlRevisionView;
import io.twinledger.reporting.UnknownSubjectException;
import io.twinledger.reporting.pnl.LineDrillDown.EvidenceBatch;
import io.twinledger.reporting.pnl.LineDrillDown.KpiPeriodUsed;
import io.twinledger.reporting.pnl.LineDrillDown.LineRevision;
import io.twinledger.reporting.pnl.LineDrillDown.MonthValue;
import io.twinledger.twin.store.ReadingStore;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assembles P&amp;L statements from the projection's monthly lines (per asset and per portfolio)
 * and follows a line to the KPI periods and reading batches behind it. Months are inclusive ranges
 * {@code [from, to]}; {@link #EARLIEST} and {@link #LATEST} bound an open range.
 */
public class PnlStatements {

  /** The first month of an open range. */
  public static final YearMonth EARLIEST = YearMonth.of(1, 1);

  /** The last month of an open range. */
  public static final YearMonth LATEST = YearMonth.of(9999, 12);

  /**
   * The portfolio of every asset with a P&amp;L: over a range of months, the assets the P&amp;L
   * projection computes a month of in that range.
   */
  public static final String ALL_ASSETS = "all-assets";

  private final PnlBook book;
  private final AssetCatalog assets;
  private final KpiPeriods periods;
  private final ReadingStore readings;

  public PnlStatements(
      PnlBook book, AssetCatalog assets, KpiPeriods periods, ReadingStore readings) {
    this.book = book;
    this.assets = assets;
    this.periods = periods;
    this.readings = readings;
  }

  /**
   * An asset's statements of months {@code from..to}.
   *
   * @throws UnknownSubjectException if there is no such asset, or it has no P&amp;L in the range
   */
  public AssetStatements asset(String assetId, PeriodKind kind, YearMonth from, YearMonth to) {
    ModelRun run = run(assetId, from, to);
    return new AssetStatements(assetId, run, kind, statements(run, kind));
  }

  /**
   * The portfolio of the given assets, or when none is given {@link #ALL_ASSETS}: every asset with
   * a P&amp;L in a month of the range.
   *
   * @throws UnknownSubjectException if an asset is unknown, a given asset has no P&amp;L in the
   *     range, or no asset has one
   */
  public PortfolioStatements portfolio(
      List<String> assetIds, PeriodKind kind, YearMonth from, YearMonth to) {
    List<String> ids = assetIds.isEmpty() ? book.assets(from, to) : assetIds;
    List<ModelRun> runs = ids.stream().map(id -> run(id, from, to)).toList();
    if (runs.isEmpty()) {
      throw new UnknownSubjectException(
          "no asset has a P&L"
              + (from.equals(EARLIEST) && to.equals(LATEST)
                  ? " yet: define a model for some assets"
                  : " from " + from + " to " + to));
    }
    List<PortfolioStatement> statements =
        switch (kind) {
          case MONTH -> Portfolio.monthly(ALL_ASSETS, runs);
          case QUARTER -> Portfolio.quarterly(ALL_ASSETS, runs);
          case YEAR -> Portfolio.yearly(ALL_ASSETS, runs);
        };
    return new PortfolioStatements(ALL_ASSETS, runs.getFirst().currency(), kind, ids, statements);
  }

  /**
   * Line {@code lineId} of the asset's statement for {@code period}, followed back to its data.
   *
   * @throws UnknownSubjectException if the asset, its statement for the period or the line does not
   *     exist
   */
  public LineDrillDown line(String assetId, String lineId, StatementPeriod period) {
    ModelRun run = run(assetId, period.first(), period.last());
    Statement statement =
        statements(run, period.kind()).stream()
            .filter(s -> s.period().equals(period))
            .findFirst()
            .orElseThrow(
                () ->
                    new UnknownSubjectException("asset " + assetId + " has no P&L for " + period));
    List<MonthValue> months = new ArrayList<>();
    Optional<LineValue> any = Optional.empty();
    for (var month : run.periods()) {
      Optional<LineValue> value = month.line(lineId);
      value.ifPresent(
          v -> months.add(new MonthValue(month.period(), v.value(), v.remarks(), v.partial())));
      any = any.or(() -> value);
    }
    LineValue known =
        any.orElseThrow(
            () ->
                new UnknownSubjectException(
                    "model "
                        + run.modelId()
                        + " of asset "
                        + assetId
                        + " has no line '"
                        + lineId
                        + "'"));
    Optional<StatementLine> booked = statement.line(lineId);
    Provenance provenance =
        booked
            .map(StatementLine::provenance)
            .orElseGet(
                () ->
                    run.periods().stream()
                        .flatMap(p -> p.line(lineId).stream())
                        .map(LineValue::provenance)
                        .reduce(Provenance::merge)
                        .orElseThrow());
    AssetView asset = assets.find(assetId).orElseThrow();
    return new LineDrillDown(
        assetId,
        period,
        lineId,
        known.label(),
        known.kind(),
        run.modelId(),
        run.modelVersion(),
        run.currency(),
        booked.flatMap(StatementLine::amount),
        provenance.formula(),
        provenance.parameters(),
        provenance.lines(),
        months,
        kpiPeriods(asset, provenance.kpis()),
        revisions(assetId, lineId, period));
  }

  /**
   * What changed in the asset's monthly P&amp;L in months {@code from..to}, and why.
   *
   * @throws UnknownSubjectException if there is no such asset
   */
  public List<PnlRevisionView> revisions(String assetId, YearMonth from, YearMonth to) {
    requireAsset(assetId);
    return book.revisions(assetId, from, to);
  }

  /**
   * What changed in the monthly P&amp;L of every asset the model computes, in months {@code
   * from..to}, and why: each revision with its cause and every changed line's amount before and
   * after.
   *
   * @throws UnknownSubjectException if the P&amp;L has never been computed by such a model
   */
  public List<PnlRevisionView> modelRevisions(String modelId, YearMonth from, YearMonth to) {
    if (!book.knowsModel(modelId)) {
      throw new UnknownSubjectException("no P&L model " + modelId);
    }
    return book.modelRevisions(modelId, from, to);
  }

  private List<KpiPeriodUsed> kpiPeriods(AssetView asset, List<KpiUse> uses) {
    ZoneId zone = ZoneId.of(asset.timeZone());
    Map<String, Long> batchIds =
        readings.batchIds(uses.stream().flatMap(u -> u.evidence().stream()).distinct().toList());
    List<KpiPeriodUsed> used = new ArrayList<>();
    for (KpiUse use : uses) {
      Instant start = use.period().atDay(1).atStartOfDay(zone).toInstant();
      Instant end = use.period().plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
      Optional<KpiPeriodView> view =
          periods.of(asset.assetId(), use.kpiId(), Optional.of("MONTH"), start, end, true).stream()
              .filter(p -> p.revision() == use.revision())
              .findFirst();
      used.add(
          new KpiPeriodUsed(
              use.kpiId(),
              use.period(),
              use.revision(),
              use.value(),
              use.unit(),
              start,
              end,
              view.map(KpiPeriodView::coveragePercent),
              view.map(KpiPeriodView::readingCount),
              use.evidence().stream()
                  .map(
                      digest ->
                          new EvidenceBatch(digest, Optional.ofNullable(batchIds.get(digest))))
                  .toList()));
    }
    return used;
  }

  private List<LineRevision> revisions(String assetId, String lineId, StatementPeriod period) {
    List<LineRevision> found = new ArrayList<>();
    for (PnlRevisionView revision : book.revisions(assetId, period.first(), period.last())) {
      for (LineChange change : revision.changes()) {
        if (change.lineId().equals(lineId)) {
          found.add(
              new LineRevision(
                  revision.month(),
                  revision.revision(),
                  revision.cause(),
                  change.existedBefore(),
                  change.before(),
                  change.after(),
                  revision.recordedAt()));
        }
      }
    }
    return found;
  }

  private ModelRun run(String assetId, YearMonth from, YearMonth to) {
    requireAsset(assetId);
    return book.run(assetId, from, to)
        .orElseThrow(
            () ->
                new UnknownSubjectException(
                    "asset "
                        + assetId
                        + " has no P&L"
                        + (from.equals(EARLIEST) && to.equals(LATEST)
                            ? ": no model computes it, or none of its KPIs closed a month yet"
                            : " from " + from + " to " + to)));
  }

  private void requireAsset(String assetId) {
    if (assets.find(assetId).isEmpty()) {
      throw new UnknownSubjectException("no asset " + assetId);
    }
  }

  private static List<Statement> statements(ModelRun run, PeriodKind kind) {
    return switch (kind) {
      case MONTH -> Statements.monthly(run);
      case QUARTER -> Statements.quarterly(run);
      case YEAR -> Statements.yearly(run);
    };
  }
}
