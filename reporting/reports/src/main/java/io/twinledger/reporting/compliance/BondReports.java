package io.twinledger.reporting.compliance;

import io.twinledger.finance.bond.terms.AvailabilityPayment;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.finance.bond.terms.CouponStepUp;
import io.twinledger.finance.bond.terms.OutcomeTiers;
import io.twinledger.finance.bond.terms.PerUnitPayment;
import io.twinledger.finance.bond.terms.PerformanceFeature;
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
import io.twinledger.ledger.bond.projection.BondView;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.bond.projection.DeterminationView;
import io.twinledger.ledger.store.StoredEvent;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.reporting.UnknownSubjectException;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.export.BundleParts;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.FigureException;
import io.twinledger.reporting.report.FigureFormula;
import io.twinledger.reporting.report.Input;
import io.twinledger.reporting.report.InputKind;
import io.twinledger.reporting.report.LoggedData;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportType;
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
 * Drafts a bond's compliance report over a period from its determinations: every KPI period they
 * used and every payment they decided in the period, each a figure computed by the formulas the
 * offline verifier runs, from the data the stores hold and the audit log records.
 *
 * <p>The report's type follows the bond's performance features: outcome tiers give the outcome
 * report, a coupon step-up the SLB KPI report, an availability payment the monthly statement, a
 * per-unit payment the contractor statement. Determinations the trustee rejected are left out.
 */
public class BondReports {

  private static final HexFormat HEX = HexFormat.of();

  private final Bonds bonds;
  private final KpiPeriods periods;
  private final StoredEvents events;
  private final ReadingStore readings;
  private final AuditLog auditLog;
  private final EvidenceExport evidence;
  private final Runnable appendNow;
  private final JsonMapper json;

  /**
   * @param appendNow appends to the audit log what it lacks, so that just-recorded events have
   *     leaves
   */
  public BondReports(
      Bonds bonds,
      KpiPeriods periods,
      StoredEvents events,
      ReadingStore readings,
      AuditLog auditLog,
      EvidenceExport evidence,
      Runnable appendNow,
      JsonMapper json) {
    this.bonds = bonds;
    this.periods = periods;
    this.events = events;
    this.readings = readings;
    this.auditLog = auditLog;
    this.evidence = evidence;
    this.appendNow = appendNow;
    this.json = json;
  }

  /** The report type a bond's features give, if it has performance features. */
  public static Optional<ReportType> typeOf(BondTerms terms) {
    return terms.features().stream().map(BondReports::typeOf).findFirst();
  }

  private static ReportType typeOf(PerformanceFeature feature) {
    return switch (feature) {
      case OutcomeTiers t -> ReportType.BOND_OUTCOME;
      case CouponStepUp s -> ReportType.SLB_KPI;
      case AvailabilityPayment a -> ReportType.AVAILABILITY_STATEMENT;
      case PerUnitPayment p -> ReportType.PER_UNIT_STATEMENT;
    };
  }

  /**
   * The report of bond {@code bondId} over {@code [from, to)}, unsigned.
   *
   * @throws UnknownSubjectException if there is no such bond
   * @throws ReportRefusedException if no determination decides a payment in the period, or the data
   *     behind one is not in the audit log
   */
  public ReportDraft draft(
      String reportId,
      String bondId,
      LocalDate from,
      LocalDate to,
      String issuer,
      Instant issuedAt,
      Report.Provenance provenance,
      Optional<Report.Replacement> replaces) {
    BondView bond =
        bonds.find(bondId).orElseThrow(() -> new UnknownSubjectException("no bond " + bondId));
    BondTerms terms = BondTermsDocuments.parseJson(bond.terms());
    ReportType type =
        typeOf(terms)
            .orElseThrow(
                () -> new ReportRefusedException("bond " + bondId + " has no performance feature"));
    List<DeterminationView> used = new ArrayList<>();
    for (DeterminationView d : bonds.determinations(bondId)) {
      boolean inPeriod =
          d.payments().stream().anyMatch(p -> !p.date().isBefore(from) && p.date().isBefore(to));
      if (!d.status().equals("REJECTED") && inPeriod) {
        used.add(d);
      }
    }
    if (used.isEmpty()) {
      throw new ReportRefusedException(
          "no determination of bond "
              + bondId
              + " decides a payment from "
              + from
              + " to "
              + to
              + ": its periods are not proven yet, or the bond pays nothing then");
    }
    appendNow.run();
    Collector collector = new Collector();
    Map<String, String> periodFigures = new LinkedHashMap<>();
    List<Figure> drafts = new ArrayList<>();
    Map<String, String> termsInputs = new HashMap<>();
    for (DeterminationView d : used) {
      String termsInput =
          termsInputs.computeIfAbsent(d.termsHash(), hash -> collector.terms(bondId, hash));
      List<String> observed = new ArrayList<>();
      for (PeriodUse use : d.periods()) {
        String key = use.assetId() + "." + use.kpiId() + "." + use.month() + ".r" + use.revision();
        String figureId = periodFigures.get(key);
        if (figureId == null) {
          figureId = "kpi." + use.assetId() + "." + use.kpiId() + "." + use.month();
          if (use.revision() > 1) {
            figureId += ".r" + use.revision();
          }
          periodFigures.put(key, figureId);
          drafts.add(collector.period(figureId, use));
        }
        observed.add(figureId);
      }
      for (DecidedPayment payment : d.payments()) {
        if (payment.date().isBefore(from) || !payment.date().isBefore(to)) {
          continue;
        }
        List<String> inputs = new ArrayList<>();
        inputs.add(termsInput);
        inputs.addAll(observed);
        drafts.add(
            new Figure(
                "payment." + payment.paymentId(),
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
                "bond-payment",
                Map.of(
                    "feature", Integer.toString(d.feature()),
                    "date", payment.date().toString(),
                    "kind", payment.kind(),
                    "payer", payment.payer()),
                inputs));
      }
    }
    Map<String, List<String>> byCurrency = new TreeMap<>();
    drafts.stream()
        .filter(f -> f.formula().equals("bond-payment"))
        .forEach(f -> byCurrency.computeIfAbsent(f.unit(), c -> new ArrayList<>()).add(f.id()));
    byCurrency.forEach(
        (currency, ids) ->
            drafts.add(
                new Figure(
                    "payments.total." + currency,
                    "Payments in the period, " + currency,
                    "",
                    currency,
                    "sum",
                    Map.of(),
                    ids)));
    List<Figure> figures = compute(drafts, collector.inputs, collector.data);
    Report report =
        new Report(
            reportId,
            type,
            title(type, bondId, from, to),
            bondId,
            from,
            to,
            issuer,
            issuedAt,
            replaces,
            provenance,
            figures,
            collector.inputs,
            statements(used));
    return new ReportDraft(report, collector.data);
  }

  /** Each figure's value, computed in order by its formula over the collected data. */
  static List<Figure> compute(List<Figure> drafts, List<Input> inputs, Map<String, Object> data) {
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

  private static String title(ReportType type, String bondId, LocalDate from, LocalDate to) {
    String kind =
        switch (type) {
          case BOND_OUTCOME -> "Outcome report";
          case SLB_KPI -> "Sustainability-linked KPI report";
          case AVAILABILITY_STATEMENT -> "Availability payment statement";
          case PER_UNIT_STATEMENT -> "Performance contract statement";
          case INVESTOR_STATEMENT -> "Investor statement";
        };
    return kind + ", " + bondId + ", " + from + " to " + to.minusDays(1);
  }

  private static List<String> statements(List<DeterminationView> used) {
    List<String> statements = new ArrayList<>();
    for (DeterminationView d : used) {
      statements.add(
          "Determination "
              + d.determinationId()
              + " ("
              + d.status().toLowerCase()
              + (d.trustee().map(t -> " by " + t).orElse(""))
              + "): "
              + d.outcome());
    }
    return statements;
  }

  /** Gathers the inputs with their data and leaves, once each. */
  private final class Collector {
    final List<Input> inputs = new ArrayList<>();
    final Map<String, Object> data = new LinkedHashMap<>();
    private final Map<Long, String> byLeaf = new HashMap<>();

    String terms(String bondId, String termsHash) {
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
      return event(
          "terms." + bondId + "." + termsHash.substring(0, 12), InputKind.BOND_TERMS, event);
    }

    Figure period(String figureId, PeriodUse use) {
      KpiPeriodView view = view(use);
      StoredEvent closing =
          evidence
              .closingEvent(view)
              .orElseThrow(
                  () ->
                      new ReportRefusedException("no stored KpiPeriodClosed event of " + figureId));
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
          "kpi-period",
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
              .orElseThrow(
                  () -> new ReportRefusedException("no stored registration of " + assetId));
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

    private String event(String id, InputKind kind, StoredEvent event) {
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
              leaf.index(),
              leaf.hash().hex(),
              "/api/v1/audit/leaves?index=" + leaf.index()));
      data.put(id, raw);
    }
  }

  private static EvidenceBundle.Leaf leaf(StoredLeaf leaf) {
    return new EvidenceBundle.Leaf(leaf.index(), HEX.formatHex(leaf.leaf().data()), List.of());
  }

  private JsonNode payload(StoredEvent event) {
    try {
      return json.readTree(event.payload());
    } catch (RuntimeException e) {
      return json.createObjectNode();
    }
  }
}
