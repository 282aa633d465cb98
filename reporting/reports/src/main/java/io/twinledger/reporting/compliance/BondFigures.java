package io.twinledger.reporting.compliance;

import io.twinledger.ledger.asset.api.AssetParametersUpdated;
import io.twinledger.ledger.asset.api.AssetRegistered;
import io.twinledger.ledger.asset.api.KpiDefined;
import io.twinledger.ledger.asset.projection.KpiPeriodView;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.LeafKind;
import io.twinledger.ledger.audit.StoredLeaf;
import io.twinledger.ledger.bond.api.BondDefined;
import io.twinledger.ledger.bond.api.BondRevised;
import io.twinledger.ledger.bond.api.BondStreams;
import io.twinledger.ledger.bond.api.DecidedPayment;
import io.twinledger.ledger.bond.api.PeriodUse;
import io.twinledger.ledger.bond.projection.DeterminationView;
import io.twinledger.ledger.store.StoredEvent;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.export.BundleParts;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.reporting.report.BondPaymentFormula;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.FigureException;
import io.twinledger.reporting.report.FigureFormula;
import io.twinledger.reporting.report.Input;
import io.twinledger.reporting.report.InputKind;
import io.twinledger.reporting.report.KpiPeriodFormula;
import io.twinledger.reporting.report.LoggedData;
import io.twinledger.reporting.report.ReportType;
import io.twinledger.reporting.report.SumFormula;
import io.twinledger.twin.store.BatchReadings;
import io.twinledger.twin.store.ReadingStore;
import java.time.Instant;
import java.time.LocalDate;
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
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures of one report draft that rest on bond payments, and the inputs behind them, each
 * collected once: a determination's payment as a {@code bond-payment} figure, the {@code
 * kpi-period} figures it observed, and every stored event and reading batch they read with its
 * audit leaf. The bond reports and the investor statements draft through it, so that a payment is
 * the same figure on the same evidence in both. One instance per draft.
 */
final class BondFigures {

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
  private final List<Figure> drafts = new ArrayList<>();
  private final Map<String, String> periodFigures = new HashMap<>();
  private final Map<String, List<String>> observed = new HashMap<>();
  private final Map<String, String> termsInputs = new HashMap<>();

  BondFigures(
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

  /**
   * Adds the {@code bond-payment} figure {@code figureId} of a payment determination {@code d}
   * decided, after the bond's terms and the {@code kpi-period} figures of the periods {@code d}
   * used, when they are not in the draft yet.
   *
   * @return {@code figureId}
   * @throws ReportRefusedException if data behind it is not stored or not in the audit log
   */
  String payment(String figureId, DeterminationView d, DecidedPayment payment) {
    String termsInput = termsInputs.computeIfAbsent(d.termsHash(), hash -> terms(d.bondId(), hash));
    List<String> inputs = new ArrayList<>();
    inputs.add(termsInput);
    inputs.addAll(
        observed.computeIfAbsent(d.bondId() + "/" + d.determinationId(), k -> periods(d)));
    drafts.add(
        new Figure(
            figureId,
            payment.kind().charAt(0)
                + payment.kind().substring(1).toLowerCase().replace('_', ' ')
                + " payment on "
                + payment.date()
                + ": "
                + payment.payer().toLowerCase()
                + " pays "
                + payment.payee().toLowerCase(),
            "",
            payment.amount().currency().getCurrencyCode(),
            BondPaymentFormula.NAME,
            Map.of(
                "feature", Integer.toString(d.feature()),
                "date", payment.date().toString(),
                "kind", payment.kind(),
                "payer", payment.payer()),
            inputs));
    return figureId;
  }

  /** Adds a figure to compute after those added before it. */
  void add(Figure draft) {
    drafts.add(draft);
  }

  /**
   * Adds a {@code sum} figure per currency of the figures of {@code formula}: {@code idPrefix +
   * currency}, labelled {@code labelPrefix + currency}.
   */
  void totals(String formula, String idPrefix, String labelPrefix) {
    Map<String, List<String>> byCurrency = new TreeMap<>();
    drafts.stream()
        .filter(f -> f.formula().equals(formula))
        .forEach(f -> byCurrency.computeIfAbsent(f.unit(), c -> new ArrayList<>()).add(f.id()));
    byCurrency.forEach(
        (currency, ids) ->
            drafts.add(
                new Figure(
                    idPrefix + currency,
                    labelPrefix + currency,
                    "",
                    currency,
                    SumFormula.NAME,
                    Map.of(),
                    ids)));
  }

  /**
   * Every figure added, in order, its value computed by its formula over the collected data: the
   * code path the verifier runs on the bundle.
   *
   * @throws ReportRefusedException naming the first figure that cannot be computed
   */
  List<Figure> computed() {
    Map<String, Figure> computed = new LinkedHashMap<>();
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

  /** The inputs collected, in the order first read. */
  List<Input> inputs() {
    return List.copyOf(inputs);
  }

  /** Input id → its batch or event with its leaf. */
  Map<String, Object> data() {
    return Map.copyOf(data);
  }

  /**
   * The input of a stored event, {@code id} unless the draft already reads its leaf under another.
   *
   * @throws ReportRefusedException if the event has no audit leaf yet
   */
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

  /** A stored event's payload as JSON; an empty object when it is not JSON. */
  JsonNode payload(StoredEvent event) {
    try {
      return json.readTree(event.payload());
    } catch (RuntimeException e) {
      return json.createObjectNode();
    }
  }

  /** A report's title: its type in words, its subject and the days it covers. */
  static String title(ReportType type, String subject, LocalDate from, LocalDate to) {
    String kind =
        switch (type) {
          case BOND_OUTCOME -> "Outcome report";
          case SLB_KPI -> "Sustainability-linked KPI report";
          case AVAILABILITY_STATEMENT -> "Availability payment statement";
          case PER_UNIT_STATEMENT -> "Performance contract statement";
          case INVESTOR_STATEMENT -> "Investor statement";
        };
    return kind + ", " + subject + ", " + from + " to " + to.minusDays(1);
  }

  /** A determination in words, with its status and trustee, as a report's statement. */
  static String statement(DeterminationView d) {
    return "Determination "
        + d.determinationId()
        + " ("
        + d.status().toLowerCase()
        + (d.trustee().map(t -> " by " + t).orElse(""))
        + "): "
        + d.outcome();
  }

  /** The {@code kpi-period} figures of the periods {@code d} used, added when new. */
  private List<String> periods(DeterminationView d) {
    List<String> ids = new ArrayList<>();
    for (PeriodUse use : d.periods()) {
      String key = use.assetId() + "." + use.kpiId() + "." + use.month() + ".r" + use.revision();
      String figureId = periodFigures.get(key);
      if (figureId == null) {
        figureId = "kpi." + use.assetId() + "." + use.kpiId() + "." + use.month();
        if (use.revision() > 1) {
          figureId += ".r" + use.revision();
        }
        periodFigures.put(key, figureId);
        drafts.add(period(figureId, use));
      }
      ids.add(figureId);
    }
    return ids;
  }

  private String terms(String bondId, String termsHash) {
    String stream = BondStreams.streamId(bondId);
    StoredEvent event =
        Stream.concat(
                events.of(stream, BondDefined.class.getName()).stream(),
                events.of(stream, BondRevised.class.getName()).stream())
            .filter(e -> payload(e).path("termsHash").asString("").equals(termsHash))
            .min(Comparator.comparingLong(StoredEvent::globalIndex))
            .orElseThrow(
                () ->
                    new ReportRefusedException(
                        "no stored terms of bond " + bondId + " hash to " + termsHash));
    return event("terms." + bondId + "." + termsHash.substring(0, 12), InputKind.BOND_TERMS, event);
  }

  private Figure period(String figureId, PeriodUse use) {
    KpiPeriodView view = view(use);
    StoredEvent closing =
        evidence
            .closingEvent(view)
            .orElseThrow(
                () -> new ReportRefusedException("no stored KpiPeriodClosed event of " + figureId));
    List<String> inputs = new ArrayList<>();
    inputs.add(event("period." + figureId.substring(4), InputKind.KPI_PERIOD, closing));
    inputs.add(definition(use, closing.globalIndex()));
    inputs.addAll(asset(use.assetId(), closing.globalIndex()));
    Map<String, Long> ids = readings.batchIds(view.batchDigests());
    for (String digest : view.batchDigests()) {
      Long batchId = ids.get(digest);
      if (batchId == null) {
        throw new ReportRefusedException(
            "the reading store holds no batch with digest " + digest + " of " + figureId);
      }
      inputs.add(batch(batchId));
    }
    return new Figure(
        figureId,
        use.kpiId() + " of " + use.assetId() + ", " + use.month(),
        "",
        view.unit(),
        KpiPeriodFormula.NAME,
        Map.of("kpiId", use.kpiId(), "observationDate", use.month().atDay(1).toString()),
        inputs);
  }

  private KpiPeriodView view(PeriodUse use) {
    YearMonth month = use.month();
    // A month in any zone starts within a day of its UTC start.
    Instant from = month.atDay(1).minusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant to = month.atDay(2).atStartOfDay().toInstant(ZoneOffset.UTC);
    return periods.of(use.assetId(), use.kpiId(), Optional.of("MONTH"), from, to, true).stream()
        .filter(p -> p.revision() == use.revision())
        .findFirst()
        .orElseThrow(
            () ->
                new ReportRefusedException(
                    "no revision "
                        + use.revision()
                        + " of "
                        + use.assetId()
                        + " "
                        + use.kpiId()
                        + " "
                        + month));
  }

  private String definition(PeriodUse use, long before) {
    StoredEvent defined =
        events.of(use.assetId(), KpiDefined.class.getName()).stream()
            .filter(e -> e.globalIndex() < before)
            .filter(
                e -> payload(e).path("definition").path("kpiId").asString("").equals(use.kpiId()))
            .max(Comparator.comparingLong(StoredEvent::globalIndex))
            .orElseThrow(
                () ->
                    new ReportRefusedException(
                        "no stored definition of " + use.kpiId() + " of " + use.assetId()));
    return event(
        "kpi." + use.assetId() + "." + use.kpiId() + "." + defined.globalIndex(),
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

  private void add(String id, InputKind kind, StoredLeaf leaf, Object raw) {
    byLeaf.put(leaf.index(), id);
    inputs.add(
        new Input(
            id,
            kind,
            leaf.index(),
            leaf.hash().hex(),
            "/api/v1/audit/leaves?index=" + leaf.index()));
    data.put(id, raw);
  }

  private static EvidenceBundle.Leaf leaf(StoredLeaf leaf) {
    return new EvidenceBundle.Leaf(leaf.index(), HEX.formatHex(leaf.leaf().data()), List.of());
  }
}
