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
import io.twinledger.ledger.store.StoredEvent;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.reporting.UnknownSubjectException;
import io.twinledger.reporting.evidence.export.EvidenceExport;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drafts an asset's P&amp;L statement over whole months from its active cash-flow model: every
 * monthly KPI period the model reads ({@code kpi-period}, re-computed from raw readings), every
 * booked line per month ({@code pnl-line}, the model evaluated as the P&amp;L projection evaluates
 * it), each line's total over the period and the net income ({@code sum}).
 *
 * <p>Conventions:
 *
 * <ul>
 *   <li>The report covers the months that start in {@code [from, to)}, cut in the asset's time
 *       zone; {@code from} and {@code to} are first days of months.
 *   <li>The model is the asset's active model in its current version, as its {@code ModelDefined}
 *       or {@code ModelRevised} event logged it; the P&amp;L projection also computes every month
 *       with the current version.
 *   <li>Each month reads the latest revision of each KPI period, and, for a KPI read with a lag or
 *       with {@code latest}, the periods of the months that far back.
 *   <li>Every month of the report must have a KPI period the model reads (a month the P&amp;L has),
 *       and every KPI period read must be proven: its event and reading batches are leaves under an
 *       anchored checkpoint. Otherwise the report is refused.
 *   <li>A line month without a value (an input missing) is {@code none} and left out of the totals;
 *       the report's statements name it. Totals are sums of the rounded monthly amounts, as
 *       quarterly and yearly statements are; net income is income (revenue and performance
 *       payments, less deductions) less costs, as {@link io.twinledger.finance.model.LineKind}
 *       says.
 * </ul>
 */
public class PnlReports {

  private final AssetCatalog assets;
  private final Models models;
  private final KpiPeriods periods;
  private final StoredEvents events;
  private final ReadingStore readings;
  private final AuditLog auditLog;
  private final CheckpointBook checkpoints;
  private final EvidenceExport evidence;
  private final Runnable appendNow;
  private final JsonMapper json;

  /**
   * @param appendNow appends to the audit log what it lacks, so that just-recorded events have
   *     leaves
   */
  public PnlReports(
      AssetCatalog assets,
      Models models,
      KpiPeriods periods,
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
    if (from.getDayOfMonth() != 1 || to.getDayOfMonth() != 1) {
      throw new ReportRefusedException(
          "a P&L report covers whole months: from and to must be first days of months");
    }
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
    YearMonth first = YearMonth.from(from);
    YearMonth last = YearMonth.from(to).minusMonths(1);
    ZoneId zone = ZoneId.of(asset.timeZone());
    SortedMap<String, Integer> lags = checked.kpiLags();
    appendNow.run();
    ReportInputs collector = new ReportInputs(periods, events, readings, auditLog, evidence, json);

    List<Figure> drafts = new ArrayList<>();
    Map<String, SortedMap<YearMonth, String>> periodFigures = new TreeMap<>();
    for (Map.Entry<String, Integer> read : lags.entrySet()) {
      String kpi = read.getKey();
      Instant start = first.minusMonths(read.getValue()).atDay(1).atStartOfDay(zone).toInstant();
      Instant end = last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
      for (KpiPeriodView view : periods.of(assetId, kpi, Optional.of("MONTH"), start, end, false)) {
        YearMonth month = YearMonth.from(view.periodStart().atZone(zone));
        String figureId = "kpi." + assetId + "." + kpi + "." + month;
        if (view.revision() > 1) {
          figureId += ".r" + view.revision();
        }
        drafts.add(collector.period(figureId, view, month));
        periodFigures.computeIfAbsent(kpi, k -> new TreeMap<>()).put(month, figureId);
      }
    }
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
    requireAnchored(collector.inputs(), assetId, from, to);

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
                lineFigure(line, month),
                line.label() + ", " + month,
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
    Map<String, Figure> computed = new HashMap<>();
    collector.compute(drafts).forEach(f -> computed.put(f.id(), f));

    List<Figure> totals = new ArrayList<>();
    List<String> statements = new ArrayList<>();
    statements.add(
        "Model "
            + model.modelId()
            + " version "
            + model.version()
            + " ("
            + model.definition().name()
            + "), evaluated month by month; amounts rounded HALF_EVEN to the "
            + currency
            + " minor unit");
    List<String> lineTotals = new ArrayList<>();
    List<String> subtracted = new ArrayList<>();
    for (LineDefinition line : booked) {
      List<String> months = new ArrayList<>();
      for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
        String id = lineFigure(line, month);
        if (computed.get(id).value().equals(PnlLineFormula.NONE)) {
          statements.add(
              line.label() + " has no value for " + month + ": an input is missing; not totalled");
        } else {
          months.add(id);
        }
      }
      if (months.isEmpty()) {
        continue;
      }
      String totalId = "total." + line.id();
      totals.add(
          new Figure(
              totalId,
              line.label() + ", " + first + " to " + last,
              "",
              currency,
              SumFormula.NAME,
              Map.of(),
              months));
      lineTotals.add(totalId);
      if (line.kind() == LineKind.DEDUCTION || line.kind().cost()) {
        subtracted.add(totalId);
      }
    }
    if (!lineTotals.isEmpty()) {
      totals.add(
          new Figure(
              "net-income",
              "Net income, " + first + " to " + last,
              "",
              currency,
              SumFormula.NAME,
              subtracted.isEmpty() ? Map.of() : Map.of("subtract", String.join(",", subtracted)),
              lineTotals));
    }
    List<Figure> figures = collector.compute(totals);
    Report report =
        new Report(
            reportId,
            ReportType.PNL_STATEMENT,
            "P&L statement, " + assetId + ", " + from + " to " + to.minusDays(1),
            assetId,
            from,
            to,
            issuer,
            issuedAt,
            replaces,
            provenance,
            figures,
            collector.inputs(),
            statements);
    return new ReportDraft(report, collector.data());
  }

  private static String lineFigure(LineDefinition line, YearMonth month) {
    return "line." + line.id() + "." + month;
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

  /** Refuses the report unless every input so far is a leaf under an anchored checkpoint. */
  private void requireAnchored(List<Input> inputs, String assetId, LocalDate from, LocalDate to) {
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
                + assetId
                + " from "
                + from
                + " to "
                + to
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
