package io.twinledger.reporting.compliance;

import io.twinledger.finance.model.InvalidModelException;
import io.twinledger.finance.model.LineDefinition;
import io.twinledger.finance.model.LineKind;
import io.twinledger.finance.model.ModelValidator;
import io.twinledger.finance.model.ValidatedModel;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetView;
import io.twinledger.ledger.asset.projection.KpiPeriodView;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.CheckpointBook;
import io.twinledger.ledger.model.KpiCatalogs;
import io.twinledger.ledger.model.api.ModelDefined;
import io.twinledger.ledger.model.api.ModelRevised;
import io.twinledger.ledger.model.api.ModelStreams;
import io.twinledger.ledger.model.projection.ModelView;
import io.twinledger.ledger.model.projection.Models;
import io.twinledger.ledger.pnl.projection.PnlBook;
import io.twinledger.ledger.store.StoredEvent;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.reporting.UnknownSubjectException;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.reporting.pnl.PnlStatements;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.Input;
import io.twinledger.reporting.report.InputKind;
import io.twinledger.reporting.report.PnlLineFormula;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportType;
import io.twinledger.reporting.report.SumFormula;
import io.twinledger.twin.store.ReadingStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drafts P&amp;L statements over whole months from active cash-flow models: an asset's, and a
 * portfolio's of the assets with a P&amp;L in the period. An asset's part is the same in both:
 * every monthly KPI period its model reads ({@code kpi-period}, re-computed from raw readings),
 * every booked line per month ({@code pnl-line}, the model evaluated as the P&amp;L projection
 * evaluates it), the net income of each month, each line's total over the period and the net income
 * over the period ({@code sum}). A portfolio's statement adds its net income per currency, of each
 * month and over the period, each the sum of its assets' ({@code sum}).
 *
 * <p>Conventions:
 *
 * <ul>
 *   <li>The report covers the months that start in {@code [from, to)}, cut in each asset's time
 *       zone; {@code from} and {@code to} are first days of months.
 *   <li>The model is the asset's active model in its current version, as its {@code ModelDefined}
 *       or {@code ModelRevised} event logged it; the P&amp;L projection also computes every month
 *       with the current version.
 *   <li>Each month reads the latest revision of each KPI period, and, for a KPI read with a lag or
 *       with {@code latest}, the periods of the months that far back.
 *   <li>Every month of the report must have, for every asset in it, a KPI period the model reads (a
 *       month the P&amp;L has), and every KPI period read must be proven: its event and reading
 *       batches are leaves under an anchored checkpoint. Otherwise the report is refused.
 *   <li>A line month without a value (an input missing) is {@code none} and left out of the totals;
 *       the report's statements name it. Totals are sums of the rounded monthly amounts, as
 *       quarterly and yearly statements are; net income is income (revenue and performance
 *       payments, less deductions) less costs, as {@link io.twinledger.finance.model.LineKind}
 *       says.
 *   <li>The one portfolio is {@value PnlStatements#ALL_ASSETS}: the assets the P&amp;L projection
 *       computes a month of in the period, as the P&amp;L API's portfolio. Its figures of an asset
 *       are named and labelled with the asset ({@code line.<asset>.<line>.<month>}, {@code
 *       net-income.<asset>}); its own are {@code portfolio.net-income.<currency>[.<month>]}. A
 *       portfolio's assets may keep their books in several currencies; nothing is converted.
 * </ul>
 */
public class PnlReports {

  private final AssetCatalog assets;
  private final Models models;
  private final KpiPeriods periods;
  private final PnlBook book;
  private final StoredEvents events;
  private final ReadingStore readings;
  private final AuditLog auditLog;
  private final CheckpointBook checkpoints;
  private final EvidenceExport evidence;
  private final Runnable appendNow;
  private final JsonMapper json;

  /**
   * @param book the P&amp;L projection's months, which say which assets a portfolio has in a period
   * @param appendNow appends to the audit log what it lacks, so that just-recorded events have
   *     leaves
   */
  public PnlReports(
      AssetCatalog assets,
      Models models,
      KpiPeriods periods,
      PnlBook book,
      StoredEvents events,
      ReadingStore readings,
      AuditLog auditLog,
      CheckpointBook checkpoints,
      EvidenceExport evidence,
      Runnable appendNow,
      JsonMapper json) {
    this.assets = assets;
    this.models = models;
    this.periods = periods;
    this.book = book;
    this.events = events;
    this.readings = readings;
    this.auditLog = auditLog;
    this.checkpoints = checkpoints;
    this.evidence = evidence;
    this.appendNow = appendNow;
    this.json = json;
  }

  /**
   * The P&amp;L statement of asset {@code assetId} over the months in {@code [from, to)}, unsigned.
   *
   * @throws UnknownSubjectException if there is no such asset
   * @throws ReportRefusedException if the period is not whole months, the asset has no active model
   *     that fits it, a month has no KPI period, or a KPI period read is not proven
   */
  public ReportDraft draft(
      String reportId,
      String assetId,
      LocalDate from,
      LocalDate to,
      String issuer,
      Instant issuedAt,
      Report.Provenance provenance,
      Optional<Report.Replacement> replaces) {
    AssetView asset =
        assets.find(assetId).orElseThrow(() -> new UnknownSubjectException("no asset " + assetId));
    requireWholeMonths(from, to);
    ReportInputs collector = collector();
    List<String> statements = new ArrayList<>();
    List<Figure> figures =
        new AssetPart(asset, false, from, to).draft(collector, statements).figures();
    return new ReportDraft(
        new Report(
            reportId,
            ReportType.PNL_STATEMENT,
            BondFigures.title(ReportType.PNL_STATEMENT, assetId, from, to),
            assetId,
            from,
            to,
            issuer,
            issuedAt,
            replaces,
            provenance,
            figures,
            collector.inputs(),
            statements),
        collector.data());
  }

  /**
   * The P&amp;L statement of portfolio {@code portfolioId} over the months in {@code [from, to)},
   * unsigned: every asset with a P&amp;L in a month of the period, each as in its own statement,
   * and the portfolio's net income per currency.
   *
   * @throws UnknownSubjectException if there is no such portfolio
   * @throws ReportRefusedException if the period is not whole months, no asset has a P&amp;L in it,
   *     or an asset's statement would be refused
   */
  public ReportDraft portfolio(
      String reportId,
      String portfolioId,
      LocalDate from,
      LocalDate to,
      String issuer,
      Instant issuedAt,
      Report.Provenance provenance,
      Optional<Report.Replacement> replaces) {
    if (!portfolioId.equals(PnlStatements.ALL_ASSETS)) {
      throw new UnknownSubjectException(
          "no portfolio "
              + portfolioId
              + "; the portfolio is "
              + PnlStatements.ALL_ASSETS
              + ", every asset with a P&L in the period");
    }
    requireWholeMonths(from, to);
    YearMonth first = YearMonth.from(from);
    YearMonth last = YearMonth.from(to).minusMonths(1);
    List<String> members = book.assets(first, last);
    if (members.isEmpty()) {
      throw new ReportRefusedException(
          "portfolio "
              + portfolioId
              + " has no P&L from "
              + first
              + " to "
              + last
              + ": no asset's model computes a month of it");
    }
    ReportInputs collector = collector();
    List<String> statements = new ArrayList<>();
    statements.add(
        "Portfolio "
            + portfolioId
            + ": the "
            + members.size()
            + (members.size() == 1 ? " asset" : " assets")
            + " whose P&L the projection computes in a month of the period, "
            + String.join(", ", members)
            + "; each asset's figures as in its own P&L statement, named and labelled with it");
    // Currency → month → the assets' net incomes of the month; currency → theirs over the period.
    Map<String, SortedMap<YearMonth, List<String>>> monthly = new TreeMap<>();
    Map<String, List<String>> overall = new TreeMap<>();
    for (String member : members) {
      AssetView asset =
          assets.find(member).orElseThrow(() -> new UnknownSubjectException("no asset " + member));
      Drafted part = new AssetPart(asset, true, from, to).draft(collector, statements);
      part.monthlyNet()
          .forEach(
              (month, id) ->
                  monthly
                      .computeIfAbsent(part.currency(), c -> new TreeMap<>())
                      .computeIfAbsent(month, m -> new ArrayList<>())
                      .add(id));
      part.net()
          .ifPresent(
              id -> overall.computeIfAbsent(part.currency(), c -> new ArrayList<>()).add(id));
    }
    List<Figure> totals = new ArrayList<>();
    monthly.forEach(
        (currency, months) ->
            months.forEach(
                (month, ids) ->
                    totals.add(
                        sum(
                            "portfolio.net-income." + currency + "." + month,
                            "Portfolio net income in " + currency + ", " + month,
                            currency,
                            ids,
                            Set.of()))));
    overall.forEach(
        (currency, ids) ->
            totals.add(
                sum(
                    "portfolio.net-income." + currency,
                    "Portfolio net income in " + currency + ", " + first + " to " + last,
                    currency,
                    ids,
                    Set.of())));
    if (overall.size() > 1) {
      statements.add(
          "The assets keep their books in "
              + String.join(", ", overall.keySet())
              + "; the portfolio's net income is stated in each, nothing converted");
    }
    return new ReportDraft(
        new Report(
            reportId,
            ReportType.PORTFOLIO_PNL_STATEMENT,
            BondFigures.title(ReportType.PORTFOLIO_PNL_STATEMENT, portfolioId, from, to),
            portfolioId,
            from,
            to,
            issuer,
            issuedAt,
            replaces,
            provenance,
            collector.compute(totals),
            collector.inputs(),
            statements),
        collector.data());
  }

  /** A fresh draft's inputs, once the audit log holds every event recorded so far. */
  private ReportInputs collector() {
    appendNow.run();
    return new ReportInputs(periods, events, readings, auditLog, evidence, json);
  }

  /**
   * A {@code sum} of {@code inputs} in {@code currency}, those in {@code subtracted} counted
   * negatively (a net income's costs and deductions).
   */
  private static Figure sum(
      String id, String label, String currency, List<String> inputs, Set<String> subtracted) {
    String subtract = inputs.stream().filter(subtracted::contains).collect(Collectors.joining(","));
    return new Figure(
        id,
        label,
        "",
        currency,
        SumFormula.NAME,
        subtract.isEmpty() ? Map.of() : Map.of("subtract", subtract),
        inputs);
  }

  private static void requireWholeMonths(LocalDate from, LocalDate to) {
    if (from.getDayOfMonth() != 1 || to.getDayOfMonth() != 1) {
      throw new ReportRefusedException(
          "a P&L report covers whole months: from and to must be first days of months");
    }
  }

  /**
   * What an asset's part added to a draft.
   *
   * @param figures every figure of the draft so far
   * @param currency the asset's model's
   * @param monthlyNet the ids of the asset's net income of each month that has one
   * @param net the id of its net income over the period, if a month has one
   */
  private record Drafted(
      List<Figure> figures,
      String currency,
      SortedMap<YearMonth, String> monthlyNet,
      Optional<String> net) {}

  /**
   * One asset's figures in a P&amp;L statement: its own, or its part of a portfolio's, where ids
   * and labels name the asset.
   */
  private final class AssetPart {

    private final AssetView asset;
    private final boolean named;
    private final YearMonth first;
    private final YearMonth last;

    /**
     * @param named whether ids and labels name the asset, as in a portfolio's statement
     */
    AssetPart(AssetView asset, boolean named, LocalDate from, LocalDate to) {
      this.asset = asset;
      this.named = named;
      this.first = YearMonth.from(from);
      this.last = YearMonth.from(to).minusMonths(1);
    }

    /** Adds the asset's figures to {@code collector}, computed, and its statements. */
    Drafted draft(ReportInputs collector, List<String> statements) {
      String assetId = asset.assetId();
      ModelView model =
          models
              .activeFor(assetId)
              .orElseThrow(
                  () ->
                      new ReportRefusedException(
                          "asset " + assetId + " has no active cash-flow model, so it has no P&L"));
      ValidatedModel checked;
      try {
        checked = ModelValidator.validated(model.definition(), KpiCatalogs.of(asset));
      } catch (InvalidModelException e) {
        throw new ReportRefusedException(
            "model "
                + model.modelId()
                + " version "
                + model.version()
                + " no longer fits asset "
                + assetId
                + ": "
                + e.getMessage());
      }
      SortedMap<String, Integer> lags = checked.kpiLags();
      List<Figure> drafts = new ArrayList<>();
      Map<String, SortedMap<YearMonth, String>> periodFigures = periods(collector, lags, drafts);
      for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
        YearMonth m = month;
        if (periodFigures.values().stream().noneMatch(byMonth -> byMonth.containsKey(m))) {
          throw new ReportRefusedException(
              "the KPI periods of "
                  + assetId
                  + " for "
                  + month
                  + " are not proven: no period of a KPI its model reads ("
                  + String.join(", ", lags.keySet())
                  + ") is closed in that month, so its P&L has no such month");
        }
      }
      requireAnchored(collector.inputs());

      String modelInput =
          collector.event(
              "model." + model.modelId() + ".v" + model.version(),
              InputKind.MODEL,
              modelEvent(collector, model));
      List<String> definitions = new ArrayList<>();
      for (String kpi : lags.keySet()) {
        definitions.add(collector.definition(assetId, kpi, Long.MAX_VALUE));
      }
      String currency = model.definition().currency();
      List<LineDefinition> booked =
          model.definition().lines().stream().filter(l -> l.kind().booked()).toList();
      for (LineDefinition line : booked) {
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
          List<String> inputs = new ArrayList<>();
          inputs.add(modelInput);
          inputs.addAll(definitions);
          for (Map.Entry<String, Integer> read : lags.entrySet()) {
            inputs.addAll(
                periodFigures
                    .getOrDefault(read.getKey(), new TreeMap<>())
                    .subMap(month.minusMonths(read.getValue()), month.plusMonths(1))
                    .values());
          }
          drafts.add(
              new Figure(
                  id("line", line.id() + "." + month),
                  label(line.label() + ", " + month),
                  "",
                  currency,
                  PnlLineFormula.NAME,
                  Map.of(
                      "assetId", assetId,
                      "modelId", model.modelId(),
                      "lineId", line.id(),
                      "month", month.toString()),
                  inputs));
        }
      }
      Map<String, String> values = new HashMap<>();
      collector.compute(drafts).forEach(f -> values.put(f.id(), f.value()));

      statements.add(
          label(
              "Model "
                  + model.modelId()
                  + " version "
                  + model.version()
                  + " ("
                  + model.definition().name()
                  + "), evaluated month by month; amounts rounded HALF_EVEN to the "
                  + currency
                  + " minor unit"));
      // The line months with a value, by month and by line; the figures a net income subtracts.
      SortedMap<YearMonth, List<String>> byMonth = new TreeMap<>();
      Map<String, List<String>> byLine = new LinkedHashMap<>();
      Set<String> subtracted = new HashSet<>();
      for (LineDefinition line : booked) {
        boolean subtracts = line.kind() == LineKind.DEDUCTION || line.kind().cost();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
          String id = id("line", line.id() + "." + month);
          if (values.get(id).equals(PnlLineFormula.NONE)) {
            statements.add(
                label(
                    line.label()
                        + " has no value for "
                        + month
                        + ": an input is missing; not totalled"));
            continue;
          }
          byMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(id);
          byLine.computeIfAbsent(line.id(), l -> new ArrayList<>()).add(id);
          if (subtracts) {
            subtracted.add(id);
            subtracted.add(id("total", line.id()));
          }
        }
      }
      List<Figure> totals = new ArrayList<>();
      SortedMap<YearMonth, String> monthlyNet = new TreeMap<>();
      byMonth.forEach(
          (month, lines) -> {
            String id = id("net-income", month.toString());
            totals.add(sum(id, label("Net income, " + month), currency, lines, subtracted));
            monthlyNet.put(month, id);
          });
      String months = first + " to " + last;
      List<String> lineTotals = new ArrayList<>();
      for (LineDefinition line : booked) {
        List<String> lineMonths = byLine.get(line.id());
        if (lineMonths != null) {
          String id = id("total", line.id());
          totals.add(sum(id, label(line.label() + ", " + months), currency, lineMonths, Set.of()));
          lineTotals.add(id);
        }
      }
      Optional<String> net = Optional.empty();
      if (!lineTotals.isEmpty()) {
        String id = named ? "net-income." + assetId : "net-income";
        totals.add(sum(id, label("Net income, " + months), currency, lineTotals, subtracted));
        net = Optional.of(id);
      }
      return new Drafted(collector.compute(totals), currency, monthlyNet, net);
    }

    /**
     * The {@code kpi-period} drafts of every monthly KPI period the model reads in the report's
     * months, lagged months included, added to {@code drafts}; their ids by KPI and month.
     */
    private Map<String, SortedMap<YearMonth, String>> periods(
        ReportInputs collector, SortedMap<String, Integer> lags, List<Figure> drafts) {
      ZoneId zone = ZoneId.of(asset.timeZone());
      Map<String, SortedMap<YearMonth, String>> periodFigures = new TreeMap<>();
      for (Map.Entry<String, Integer> read : lags.entrySet()) {
        String kpi = read.getKey();
        Instant start = first.minusMonths(read.getValue()).atDay(1).atStartOfDay(zone).toInstant();
        Instant end = last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        for (KpiPeriodView view :
            periods.of(asset.assetId(), kpi, Optional.of("MONTH"), start, end, false)) {
          YearMonth month = YearMonth.from(view.periodStart().atZone(zone));
          String figureId = "kpi." + asset.assetId() + "." + kpi + "." + month;
          if (view.revision() > 1) {
            figureId += ".r" + view.revision();
          }
          drafts.add(collector.period(figureId, view, month));
          periodFigures.computeIfAbsent(kpi, k -> new TreeMap<>()).put(month, figureId);
        }
      }
      return periodFigures;
    }

    /**
     * {@code <kind>.<rest>}, or in a portfolio's statement {@code <kind>.<asset>.<rest>}: {@code
     * line.sales.2025-03}, {@code line.dma-1.sales.2025-03}.
     */
    private String id(String kind, String rest) {
      return kind + "." + (named ? asset.assetId() + "." : "") + rest;
    }

    /** The label, in a portfolio's statement after the asset's id. */
    private String label(String text) {
      return named ? asset.assetId() + ": " + text : text;
    }

    /** Refuses the report unless every input so far is a leaf under an anchored checkpoint. */
    private void requireAnchored(List<Input> inputs) {
      long anchored = checkpoints.latestAnchored().map(c -> c.checkpoint().treeSize()).orElse(0L);
      for (Input input : inputs) {
        // Every input of a P&L statement is a leaf: ReportInputs gathers only leaves.
        Input.AuditLeaf leaf =
            input
                .auditLeaf()
                .orElseThrow(() -> new IllegalStateException(input.id() + " is no leaf"));
        if (leaf.index() >= anchored) {
          throw new ReportRefusedException(
              "the KPI periods of "
                  + asset.assetId()
                  + " from "
                  + first
                  + " to "
                  + last
                  + " are not proven yet: "
                  + input.id()
                  + " (leaf "
                  + leaf.index()
                  + ") is under no anchored checkpoint, which covers "
                  + anchored
                  + " leaves");
        }
      }
    }
  }

  /** The logged event of the model's current version. */
  private StoredEvent modelEvent(ReportInputs collector, ModelView model) {
    String stream = ModelStreams.streamId(model.modelId());
    return Stream.concat(
            events.of(stream, ModelDefined.class.getName()).stream(),
            events.of(stream, ModelRevised.class.getName()).stream())
        .filter(
            e ->
                collector.payload(e).path("definition").path("version").asInt(-1)
                    == model.version())
        .findFirst()
        .orElseThrow(
            () ->
                new ReportRefusedException(
                    "no stored event of model " + model.modelId() + " version " + model.version()));
  }
}
