package io.twinledger.reporting.compliance;

import io.twinledger.ledger.asset.api.AssetParametersUpdated;
import io.twinledger.ledger.asset.api.AssetRegistered;
import io.twinledger.ledger.asset.api.KpiDefined;
import io.twinledger.ledger.asset.projection.KpiPeriodView;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.LeafKind;
import io.twinledger.ledger.audit.StoredLeaf;
import io.twinledger.ledger.correction.api.CorrectionRequested;
import io.twinledger.ledger.store.StoredEvent;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.export.BundleParts;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.FigureException;
import io.twinledger.reporting.report.FigureFormula;
import io.twinledger.reporting.report.Input;
import io.twinledger.reporting.report.InputKind;
import io.twinledger.reporting.report.KpiPeriodFormula;
import io.twinledger.reporting.report.LoggedData;
import io.twinledger.twin.store.BatchReadings;
import io.twinledger.twin.store.ReadingStore;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inputs of one report being drafted, each an audit-log leaf gathered once with its data, and
 * the figures computed from them so far: what every drafter of compliance reports shares. An input
 * whose leaf is not in the audit log refuses the report.
 */
final class ReportInputs {

  private static final HexFormat HEX = HexFormat.of();

  private final KpiPeriods periods;
  private final StoredEvents events;
  private final ReadingStore readings;
  private final AuditLog auditLog;
  private final EvidenceExport evidence;
  private final JsonMapper json;
  private final List<Input> inputs = new ArrayList<>();
  private final Map<String, Object> data = new LinkedHashMap<>();
  private final Map<Long, String> byLeaf = new HashMap<>();
  private final Map<String, Figure> computed = new LinkedHashMap<>();

  ReportInputs(
      KpiPeriods periods,
      StoredEvents events,
      ReadingStore readings,
      AuditLog auditLog,
      EvidenceExport evidence,
      JsonMapper json) {
    this.periods = periods;
    this.events = events;
    this.readings = readings;
    this.auditLog = auditLog;
    this.evidence = evidence;
    this.json = json;
  }

  /** The inputs gathered, in the order first named. */
  List<Input> inputs() {
    return List.copyOf(inputs);
  }

  /** The kind of the input gathered as {@code id}. */
  InputKind kind(String id) {
    return inputs.stream()
        .filter(i -> i.id().equals(id))
        .findFirst()
        .map(Input::kind)
        .orElseThrow(() -> new IllegalArgumentException("no input " + id));
  }

  /** Input id → the batch or event, with its leaf. */
  Map<String, Object> data() {
    return data;
  }

  /**
   * Computes each draft's value in order by its formula, over the gathered data and the figures
   * computed before; returns every figure computed so far, in order.
   *
   * @throws ReportRefusedException naming the first figure that cannot be computed
   */
  List<Figure> compute(List<Figure> drafts) {
    return compute(drafts, inputs, data, computed);
  }

  /**
   * Computes each draft's value in order by its formula over {@code data} and the figures computed
   * before, for a drafter whose inputs are not gathered here (the village's market slots); returns
   * every figure computed, in order.
   *
   * @throws ReportRefusedException naming the first figure that cannot be computed
   */
  static List<Figure> compute(List<Figure> drafts, List<Input> inputs, Map<String, Object> data) {
    return compute(drafts, inputs, data, new LinkedHashMap<>());
  }

  /** Adds each draft, computed, to {@code computed}, which holds the figures computed before. */
  private static List<Figure> compute(
      List<Figure> drafts,
      List<Input> inputs,
      Map<String, Object> data,
      Map<String, Figure> computed) {
    LoggedData logged = new LoggedData(inputs, data, computed::get);
    for (Figure draft : drafts) {
      FigureFormula formula =
          FigureFormula.named(draft.formula())
              .orElseThrow(() -> new IllegalStateException("no formula " + draft.formula()));
      String value;
      try {
        value = formula.compute(draft, logged);
      } catch (FigureException e) {
        throw new ReportRefusedException(
            "figure "
                + draft.id()
                + " cannot be computed from what the log holds: "
                + e.getMessage());
      }
      computed.put(
          draft.id(),
          new Figure(
              draft.id(),
              draft.label(),
              value,
              draft.unit(),
              draft.formula(),
              draft.parameters(),
              draft.inputs()));
    }
    return List.copyOf(computed.values());
  }

  /**
   * The {@link KpiPeriodFormula} draft of one revision of a monthly KPI period: its closing event,
   * the KPI's definition and the asset's parameters as they were then, its reading batches, and the
   * corrections in effect on its readings when it was closed, each with its events and the batch it
   * names, so that the period is closed again from the original readings.
   *
   * @param figureId {@code kpi.<asset>.<kpi>.<month>}, with {@code .r<n>} for a later revision
   */
  Figure period(String figureId, KpiPeriodView view, YearMonth month) {
    StoredEvent closing =
        evidence
            .closingEvent(view)
            .orElseThrow(
                () -> new ReportRefusedException("no stored KpiPeriodClosed event of " + figureId));
    List<String> ids = new ArrayList<>();
    ids.add(event("period." + figureId.substring(4), InputKind.KPI_PERIOD, closing));
    ids.add(definition(view.assetId(), view.kpiId(), closing.globalIndex()));
    ids.addAll(asset(view.assetId(), closing.globalIndex()));
    Map<String, Long> batchIds = readings.batchIds(view.batchDigests());
    for (String digest : view.batchDigests()) {
      Long batchId = batchIds.get(digest);
      if (batchId == null) {
        throw new ReportRefusedException(
            "the reading store holds no batch with digest " + digest + " of " + figureId);
      }
      ids.add(batch(batchId));
    }
    for (EvidenceExport.InEffect correction : evidence.corrections(view, batchIds.values())) {
      // A voided reading's batch is read for its correction, though the period may not name it.
      String batch = batch(correction.batchId());
      if (!ids.contains(batch)) {
        ids.add(batch);
      }
      for (StoredEvent e : correction.events()) {
        String step =
            e.payloadType().equals(CorrectionRequested.class.getName()) ? "requested" : "decided";
        ids.add(
            event("correction." + correction.correctionId() + "." + step, InputKind.CORRECTION, e));
      }
    }
    return new Figure(
        figureId,
        view.kpiId() + " of " + view.assetId() + ", " + month,
        "",
        view.unit(),
        KpiPeriodFormula.NAME,
        Map.of("kpiId", view.kpiId(), "observationDate", month.atDay(1).toString()),
        ids);
  }

  /**
   * Revision {@code revision} of the monthly period of {@code month}.
   *
   * @throws ReportRefusedException if there is none
   */
  KpiPeriodView revision(String assetId, String kpiId, YearMonth month, int revision) {
    // A month in any zone starts within a day of its UTC start.
    Instant from = month.atDay(1).minusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant to = month.atDay(2).atStartOfDay().toInstant(ZoneOffset.UTC);
    return periods.of(assetId, kpiId, Optional.of("MONTH"), from, to, true).stream()
        .filter(p -> p.revision() == revision)
        .findFirst()
        .orElseThrow(
            () ->
                new ReportRefusedException(
                    "no revision " + revision + " of " + assetId + " " + kpiId + " " + month));
  }

  /** The input of the last definition of the KPI recorded before global index {@code before}. */
  String definition(String assetId, String kpiId, long before) {
    StoredEvent defined =
        events.of(assetId, KpiDefined.class.getName()).stream()
            .filter(e -> e.globalIndex() < before)
            .filter(e -> payload(e).path("definition").path("kpiId").asString("").equals(kpiId))
            .max(Comparator.comparingLong(StoredEvent::globalIndex))
            .orElseThrow(
                () ->
                    new ReportRefusedException(
                        "no stored definition of " + kpiId + " of " + assetId));
    return event(
        "kpi." + assetId + "." + kpiId + "." + defined.globalIndex(),
        InputKind.KPI_DEFINITION,
        defined);
  }

  private List<String> asset(String assetId, long before) {
    StoredEvent registered =
        events.of(assetId, AssetRegistered.class.getName()).stream()
            .findFirst()
            .orElseThrow(() -> new ReportRefusedException("no stored registration of " + assetId));
    List<String> ids = new ArrayList<>();
    ids.add(event("asset." + assetId, InputKind.ASSET_PARAMETERS, registered));
    events.of(assetId, AssetParametersUpdated.class.getName()).stream()
        .filter(e -> e.globalIndex() < before)
        .max(Comparator.comparingLong(StoredEvent::globalIndex))
        .ifPresent(
            e ->
                ids.add(
                    event(
                        "asset." + assetId + "." + e.globalIndex(),
                        InputKind.ASSET_PARAMETERS,
                        e)));
    return ids;
  }

  private String batch(long batchId) {
    StoredLeaf leaf =
        auditLog
            .leaf(LeafKind.READING_BATCH, batchId)
            .orElseThrow(
                () ->
                    new ReportRefusedException(
                        "reading batch " + batchId + " is not in the audit log"));
    String id = byLeaf.get(leaf.index());
    if (id != null) {
      return id;
    }
    id = "batch." + batchId;
    BatchReadings stored =
        readings
            .readingsOf(batchId)
            .orElseThrow(() -> new ReportRefusedException("no stored batch " + batchId));
    EvidenceBundle.Batch batch =
        new EvidenceBundle.Batch(
            batchId,
            stored.encoding().tag(),
            stored.readings().stream().map(BundleParts::reading).toList(),
            leaf(leaf));
    add(id, InputKind.READING_BATCH, leaf, batch);
    return id;
  }

  /** The input of a stored event, named {@code id} unless it was gathered before. */
  String event(String id, InputKind kind, StoredEvent event) {
    StoredLeaf leaf =
        auditLog
            .leaf(LeafKind.DOMAIN_EVENT, event.globalIndex())
            .orElseThrow(
                () ->
                    new ReportRefusedException(
                        "event " + event.globalIndex() + " is not in the audit log yet"));
    String known = byLeaf.get(leaf.index());
    if (known != null) {
      return known;
    }
    add(id, kind, leaf, BundleParts.event(event, leaf(leaf)));
    return id;
  }

  private void add(String id, InputKind kind, StoredLeaf leaf, Object raw) {
    byLeaf.put(leaf.index(), id);
    inputs.add(
        new Input(
            id,
            kind,
            new Input.AuditLeaf(leaf.index(), leaf.hash().hex()),
            "/api/v1/audit/leaves?index=" + leaf.index()));
    data.put(id, raw);
  }

  private static EvidenceBundle.Leaf leaf(StoredLeaf leaf) {
    return new EvidenceBundle.Leaf(leaf.index(), HEX.formatHex(leaf.leaf().data()), List.of());
  }

  /** A stored event's payload as JSON; an empty object when it is unreadable. */
  JsonNode payload(StoredEvent event) {
    try {
      return json.readTree(event.payload());
    } catch (RuntimeException e) {
      return json.createObjectNode();
    }
  }
}
