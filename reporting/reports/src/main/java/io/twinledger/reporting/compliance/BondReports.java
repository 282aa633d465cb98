package io.twinledger.reporting.compliance;

import io.twinledger.finance.bond.terms.AvailabilityPayment;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.finance.bond.terms.CouponStepUp;
import io.twinledger.finance.bond.terms.OutcomeTiers;
import io.twinledger.finance.bond.terms.PerUnitPayment;
import io.twinledger.finance.bond.terms.PerformanceFeature;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.audit.AuditLog;
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
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.InputKind;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportType;
import io.twinledger.twin.store.ReadingStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
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
    ReportInputs collector = new ReportInputs(periods, events, readings, auditLog, evidence, json);
    Map<String, String> periodFigures = new LinkedHashMap<>();
    List<Figure> drafts = new ArrayList<>();
    Map<String, String> termsInputs = new HashMap<>();
    for (DeterminationView d : used) {
      String termsInput =
          termsInputs.computeIfAbsent(d.termsHash(), hash -> terms(collector, bondId, hash));
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
          drafts.add(
              collector.period(
                  figureId,
                  collector.revision(use.assetId(), use.kpiId(), use.month(), use.revision()),
                  use.month()));
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
    List<Figure> figures = collector.compute(drafts);
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
            collector.inputs(),
            statements(used));
    return new ReportDraft(report, collector.data());
  }

  private String terms(ReportInputs collector, String bondId, String termsHash) {
    String stream = BondStreams.streamId(bondId);
    StoredEvent event =
        Stream.concat(
                events.of(stream, BondDefined.class.getName()).stream(),
                events.of(stream, BondRevised.class.getName()).stream())
            .filter(e -> collector.payload(e).path("termsHash").asString("").equals(termsHash))
            .min(Comparator.comparingLong(StoredEvent::globalIndex))
            .orElseThrow(
                () ->
                    new ReportRefusedException(
                        "no stored terms of bond " + bondId + " hash to " + termsHash));
    return collector.event(
        "terms." + bondId + "." + termsHash.substring(0, 12), InputKind.BOND_TERMS, event);
  }

  private static String title(ReportType type, String bondId, LocalDate from, LocalDate to) {
    String kind =
        switch (type) {
          case BOND_OUTCOME -> "Outcome report";
          case SLB_KPI -> "Sustainability-linked KPI report";
          case AVAILABILITY_STATEMENT -> "Availability payment statement";
          case PER_UNIT_STATEMENT -> "Performance contract statement";
          // typeOf gives only the types of bond features.
          case PNL_STATEMENT -> throw new IllegalArgumentException("a bond has no P&L statement");
          case COMMUNITY_ENERGY ->
              throw new IllegalArgumentException("a community energy report is no bond's");
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
}
