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
import io.twinledger.ledger.bond.api.BondRevised;
import io.twinledger.ledger.bond.api.BondStreams;
import io.twinledger.ledger.bond.api.DecidedPayment;
import io.twinledger.ledger.bond.api.PeriodUse;
import io.twinledger.ledger.bond.projection.BondView;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.bond.projection.DeterminationView;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.reporting.UnknownSubjectException;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.reporting.report.BondPaymentFormula;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportType;
import io.twinledger.twin.store.ReadingStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drafts a bond's compliance report over a period from its determinations: every KPI period they
 * used and every payment they decided in the period, each a figure computed by the formulas the
 * offline verifier runs, from the data the stores hold and the audit log records.
 *
 * <p>The report's type follows the bond's performance features: outcome tiers give the outcome
 * report, a coupon step-up the SLB KPI report, an availability payment the monthly statement, a
 * per-unit payment the contractor statement. Each feature's particulars (the tier reached, the
 * target and step, MaxPP and deductions) are figures of their own; an SLB report also states the
 * coupons of the period, which the schedule pays from what the determinations decided. A
 * determination counts in the period it {@linkplain DeterminationView#decidedFor decides for}.
 * Determinations the trustee rejected are left out.
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
          d.decidedFor().stream().anyMatch(date -> !date.isBefore(from) && date.isBefore(to));
      if (!d.status().equals("REJECTED") && inPeriod) {
        used.add(d);
      }
    }
    if (used.isEmpty()) {
      throw new ReportRefusedException(
          "no determination of bond "
              + bondId
              + " decides anything from "
              + from
              + " to "
              + to
              + ": its periods are not proven yet, or the bond decides nothing then");
    }
    appendNow.run();
    ReportInputs collector = new ReportInputs(periods, events, readings, auditLog, evidence, json);
    BondFigures figures = new BondFigures(collector, events);
    for (DeterminationView d : used) {
      List<DecidedPayment> paid =
          d.payments().stream()
              .filter(p -> !p.date().isBefore(from) && p.date().isBefore(to))
              .toList();
      paid.forEach(payment -> figures.payment("payment." + payment.paymentId(), d, payment));
      figures.particulars(d, paid);
    }
    if (type == ReportType.SLB_KPI) {
      // A step-up decides no payment of its own: the coupons it steps are the schedule's, decided
      // from the KPI periods the co-signed determinations fixed.
      List<PeriodUse> decided = bonds.decidedPeriods(bondId);
      bonds.payments(bondId).stream()
          .filter(p -> p.kind().equals("COUPON"))
          .filter(p -> !p.date().isBefore(from) && p.date().isBefore(to))
          .forEach(p -> figures.fixed("payment." + p.paymentId(), p, bond.termsHash(), decided));
    }
    figures.totals(BondPaymentFormula.NAME, "payments.total.", "Payments in the period, ");
    Report report =
        new Report(
            reportId,
            type,
            BondFigures.title(type, bondId, from, to),
            bondId,
            from,
            to,
            issuer,
            issuedAt,
            replaces,
            provenance,
            figures.computed(),
            collector.inputs(),
            statements(bondId, used));
    return new ReportDraft(report, collector.data());
  }

  /**
   * The report's statements: each determination with its trustee's decision (the verification
   * statement), then the recalculations behind it: each later revision of a KPI period it used, and
   * each revision of the bond's terms.
   */
  private List<String> statements(String bondId, List<DeterminationView> used) {
    List<String> statements = new ArrayList<>();
    used.stream().map(BondFigures::statement).forEach(statements::add);
    used.stream()
        .flatMap(d -> d.periods().stream())
        .filter(u -> u.revision() > 1)
        .distinct()
        .forEach(
            u ->
                statements.add(
                    "Recalculated: "
                        + u.kpiId()
                        + " of "
                        + u.assetId()
                        + " for "
                        + u.month()
                        + " was closed again as revision "
                        + u.revision()
                        + " ("
                        + u.value().toPlainString()
                        + ")"));
    events.of(BondStreams.streamId(bondId), BondRevised.class.getName()).stream()
        .map(e -> json.readTree(e.payload()))
        .forEach(
            r ->
                statements.add(
                    "Terms revised to version "
                        + r.path("version").asInt()
                        + " (terms hash "
                        + r.path("termsHash").asString("")
                        + "): "
                        + r.path("reason").asString("")));
    return statements;
  }
}
