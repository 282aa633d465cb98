package io.twinledger.service.pnl;

import io.twinledger.finance.model.KpiUse;
import io.twinledger.finance.model.LineValue;
import io.twinledger.finance.model.ModelRun;
import io.twinledger.finance.money.Money;
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
import io.twinledger.service.pnl.PnlViews.EvidenceBatch;
import io.twinledger.service.pnl.PnlViews.KpiPeriodUsed;
import io.twinledger.service.pnl.PnlViews.LineDetail;
import io.twinledger.service.pnl.PnlViews.MonthValue;
import io.twinledger.service.pnl.PnlViews.RevisionBody;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.twin.store.ReadingStore;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds P&amp;L statements from the projection's monthly lines and follows a line to the KPI
 * periods, reading batches and audit leaves behind it.
 */
public class PnlStatements {

  private static final String PORTFOLIO = "all-assets";

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

  PnlViews.AssetPnl asset(String assetId, PnlQuery query) {
    ModelRun run = run(assetId, query.from(), query.to());
    String base = "/api/v1/pnl/assets/" + assetId + "/lines/";
    return new PnlViews.AssetPnl(
        assetId,
        run.modelId(),
        run.modelVersion(),
        run.currency().getCurrencyCode(),
        query.kind(),
        statements(run, query.kind()).stream()
            .map(s -> PnlViews.StatementBody.of(s, base))
            .toList(),
        "/api/v1/pnl/assets/" + assetId + "/revisions");
  }

  PnlViews.PortfolioPnl portfolio(List<String> assetIds, PnlQuery query) {
    List<String> ids = assetIds.isEmpty() ? book.assets() : assetIds;
    List<ModelRun> runs = ids.stream().map(id -> run(id, query.from(), query.to())).toList();
    if (runs.isEmpty()) {
      throw new NotFoundException("no asset has a P&L yet: define a model for some assets");
    }
    List<PortfolioStatement> statements =
        switch (query.kind()) {
          case MONTH -> Portfolio.monthly(PORTFOLIO, runs);
          case QUARTER -> Portfolio.quarterly(PORTFOLIO, runs);
          case YEAR -> Portfolio.yearly(PORTFOLIO, runs);
        };
    return new PnlViews.PortfolioPnl(
        PORTFOLIO,
        runs.getFirst().currency().getCurrencyCode(),
        query.kind(),
        ids,
        statements.stream()
            .map(
                p ->
                    new PnlViews.PortfolioPeriod(
                        p.period().toString(),
                        p.assets().stream()
                            .map(
                                s ->
                                    new PnlViews.AssetTotals(
                                        s.assetId(),
                                        s.modelId(),
                                        s.complete(),
                                        s.totals().map(PnlViews.TotalsBody::of),
                                        "/api/v1/pnl/assets/"
                                            + s.assetId()
                                            + "?period="
                                            + query.kind()))
                            .toList(),
                        p.totals().map(PnlViews.TotalsBody::of)))
            .toList());
  }

  LineDetail line(String assetId, String lineId, StatementPeriod period) {
    ModelRun run = run(assetId, period.first(), period.last());
    Statement statement =
        statements(run, period.kind()).stream()
            .filter(s -> s.period().equals(period))
            .findFirst()
            .orElseThrow(
                () -> new NotFoundException("asset " + assetId + " has no P&L for " + period));
    List<MonthValue> months = new ArrayList<>();
    Optional<LineValue> any = Optional.empty();
    for (var month : run.periods()) {
      Optional<LineValue> value = month.line(lineId);
      value.ifPresent(v -> months.add(new MonthValue(month.period(), v.value(), v.remarks())));
      any = any.or(() -> value);
    }
    LineValue known =
        any.orElseThrow(
            () ->
                new NotFoundException(
                    "model "
                        + run.modelId()
                        + " of asset "
                        + assetId
                        + " has no line '"
                        + lineId
                        + "'"));
    Optional<StatementLine> booked = statement.line(lineId);
    var provenance =
        booked
            .map(StatementLine::provenance)
            .orElseGet(
                () ->
                    run.periods().stream()
                        .flatMap(p -> p.line(lineId).stream())
                        .map(LineValue::provenance)
                        .reduce((a, b) -> a.merge(b))
                        .orElseThrow());
    AssetView asset = assets.find(assetId).orElseThrow();
    return new LineDetail(
        assetId,
        period.toString(),
        lineId,
        known.label(),
        known.kind(),
        run.modelId(),
        run.modelVersion(),
        run.currency().getCurrencyCode(),
        booked.flatMap(StatementLine::amount).map(Money::amount),
        provenance.formula(),
        provenance.parameters(),
        provenance.lines(),
        months,
        kpiPeriods(asset, provenance.kpis()),
        revisions(assetId, lineId, period));
  }

  PnlViews.Revisions revisions(String assetId, PnlQuery query) {
    requireAsset(assetId);
    return new PnlViews.Revisions(
        assetId,
        book.revisions(assetId, query.from(), query.to()).stream()
            .map(
                r ->
                    new PnlViews.RevisionEntry(
                        r.month(),
                        r.revision(),
                        r.modelId(),
                        r.modelVersion(),
                        r.cause(),
                        r.changes(),
                        r.recordedAt()))
            .toList());
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
      String kpiPath = "/api/v1/assets/" + asset.assetId() + "/kpis/" + use.kpiId();
      used.add(
          new KpiPeriodUsed(
              use.kpiId(),
              use.period(),
              use.revision(),
              use.value(),
              use.unit(),
              view.map(KpiPeriodView::coveragePercent),
              view.map(KpiPeriodView::readingCount),
              use.evidence().stream()
                  .map(digest -> evidence(digest, Optional.ofNullable(batchIds.get(digest))))
                  .toList(),
              kpiPath + "/periods?kind=MONTH&from=" + start + "&to=" + end + "&revisions=all",
              "/api/v1/evidence/kpi-periods?assetId="
                  + asset.assetId()
                  + "&kpiId="
                  + use.kpiId()
                  + "&kind=MONTH&start="
                  + start
                  + "&revision="
                  + use.revision()));
    }
    return used;
  }

  private static EvidenceBatch evidence(String digest, Optional<Long> batchId) {
    return new EvidenceBatch(
        digest,
        batchId,
        batchId.map(id -> "/api/v1/audit/leaves?readingBatch=" + id),
        batchId.map(id -> "/api/v1/audit/proofs/inclusion?readingBatch=" + id));
  }

  private List<RevisionBody> revisions(String assetId, String lineId, StatementPeriod period) {
    List<RevisionBody> found = new ArrayList<>();
    for (var revision : book.revisions(assetId, period.first(), period.last())) {
      for (LineChange change : revision.changes()) {
        if (change.lineId().equals(lineId)) {
          found.add(
              new RevisionBody(
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
                new NotFoundException(
                    "asset "
                        + assetId
                        + " has no P&L"
                        + (from.equals(PnlQuery.FIRST) && to.equals(PnlQuery.LAST)
                            ? ": no model computes it, or none of its KPIs closed a month yet"
                            : " from " + from + " to " + to)));
  }

  private void requireAsset(String assetId) {
    if (assets.find(assetId).isEmpty()) {
      throw new NotFoundException("no asset " + assetId);
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
