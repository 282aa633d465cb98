package io.twinledger.reporting.compliance;

import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.bond.api.BondStreams;
import io.twinledger.ledger.bond.api.DecidedPayment;
import io.twinledger.ledger.bond.api.HoldingsRecorded;
import io.twinledger.ledger.bond.api.PayoutRecorded;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.bond.projection.DeterminationView;
import io.twinledger.ledger.bond.projection.HolderPayout;
import io.twinledger.ledger.bond.projection.PaymentView;
import io.twinledger.ledger.store.StoredEvent;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.HolderPayoutFormula;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drafts an investor's statement over a period: for each payment of a bond's performance the holder
 * was paid in the period (by payment date), the payment as the bond's report states it (its {@code
 * bond-payment} figure and the {@code kpi-period} figures behind it, drafted by the same {@link
 * BondFigures} over the same {@link ReportInputs}), then the holder's payout re-computed from it
 * and the register of holders ({@code holder-payout}); last, the payouts' total per currency.
 *
 * <p>The register of a payment is the {@code HoldingsRecorded} event in force when the books first
 * recorded its payout: the register they checked the chain's allocation against. It travels whole
 * in the report's bundle, every holder's id and units. The audit leaf commits to the event's stored
 * bytes, so nothing in it can be left out or replaced, and the allocation gives equal remainders to
 * the smaller holder id, so even the order of the other holders' ids bears on this holder's amount.
 * The figures and their labels name only the investor; who may download the bundle is the service's
 * to decide.
 *
 * <p>A payment the terms fix without a determination (a plain coupon, the principal) is a {@code
 * bond-payment} figure on the terms alone, its amount from the terms' schedule.
 */
public class InvestorStatements {

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
  public InvestorStatements(
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

  /**
   * The statement of holder {@code holder} (an investor's user name) over {@code [from, to)},
   * unsigned, its subject the holder.
   *
   * @throws IllegalArgumentException if {@code to} is not after {@code from}
   * @throws ReportRefusedException if the holder was paid nothing in the period, or the data behind
   *     a payout is not in the audit log
   */
  public ReportDraft draft(
      String reportId,
      String holder,
      LocalDate from,
      LocalDate to,
      String issuer,
      Instant issuedAt,
      Report.Provenance provenance) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to " + to + " must be after from " + from);
    }
    Map<String, HolderPayout> paid = new LinkedHashMap<>();
    bonds.payoutsOf(holder).stream()
        .filter(p -> !p.date().isBefore(from) && p.date().isBefore(to))
        .sorted(
            Comparator.comparing(HolderPayout::date)
                .thenComparing(HolderPayout::bondId)
                .thenComparing(HolderPayout::paymentId))
        // Each chain records the same payout; the statement states it once.
        .forEach(p -> paid.putIfAbsent(p.bondId() + "/" + p.paymentId(), p));
    if (paid.isEmpty()) {
      throw new ReportRefusedException(
          "holder " + holder + " was paid nothing from " + from + " to " + to);
    }
    appendNow.run();
    ReportInputs collector = new ReportInputs(periods, events, readings, auditLog, evidence, json);
    BondFigures figures = new BondFigures(collector, events);
    Map<String, DeterminationView> used = new LinkedHashMap<>();
    Map<String, List<PaymentView>> payments = new HashMap<>();
    for (HolderPayout line : paid.values()) {
      String bondId = line.bondId();
      PaymentView payment =
          payments.computeIfAbsent(bondId, bonds::payments).stream()
              .filter(p -> p.paymentId().equals(line.paymentId()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ReportRefusedException(
                          "bond " + bondId + " declared no payment " + line.paymentId()));
      if (payment.determinationId().isEmpty()) {
        String termsHash =
            bonds
                .find(bondId)
                .orElseThrow(() -> new ReportRefusedException("no bond " + bondId))
                .termsHash();
        String paymentFigure =
            figures.fixed(
                "payment." + bondId + "." + payment.paymentId(),
                payment,
                termsHash,
                bonds.decidedPeriods(bondId));
        figures.add(payout(collector, holder, payment, paymentFigure));
        continue;
      }
      DeterminationView d = determination(bondId, payment);
      DecidedPayment decided =
          d.payments().stream()
              .filter(p -> p.paymentId().equals(payment.paymentId()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ReportRefusedException(
                          "determination "
                              + d.determinationId()
                              + " of bond "
                              + bondId
                              + " decided no payment "
                              + payment.paymentId()));
      used.putIfAbsent(bondId + "/" + d.determinationId(), d);
      String paymentFigure =
          figures.payment("payment." + bondId + "." + payment.paymentId(), d, decided);
      figures.add(payout(collector, holder, payment, paymentFigure));
    }
    figures.totals(
        HolderPayoutFormula.NAME, "payouts.total.", "Payouts to " + holder + " in the period, ");
    List<String> statements = new ArrayList<>();
    used.values().forEach(d -> statements.add(d.bondId() + ": " + BondFigures.statement(d)));
    statements.add(
        "Each payout is re-computed by the bond's allocation rule from the whole register of"
            + " holders it was paid to; the register travels in the report's bundle.");
    Report report =
        new Report(
            reportId,
            ReportType.INVESTOR_STATEMENT,
            BondFigures.title(ReportType.INVESTOR_STATEMENT, holder, from, to),
            holder,
            from,
            to,
            issuer,
            issuedAt,
            Optional.empty(),
            provenance,
            figures.computed(),
            collector.inputs(),
            statements);
    return new ReportDraft(report, collector.data());
  }

  private DeterminationView determination(String bondId, PaymentView payment) {
    String id = payment.determinationId().orElseThrow();
    return bonds
        .determination(bondId, id)
        .orElseThrow(
            () -> new ReportRefusedException("bond " + bondId + " has no determination " + id));
  }

  /**
   * The {@code holder-payout} figure of {@code payment}: its register (the last {@code
   * HoldingsRecorded} before the payment's first {@code PayoutRecorded}) as an input, the holder's
   * units in it and the allocation digest the payout recorded.
   */
  private Figure payout(
      ReportInputs collector, String holder, PaymentView payment, String paymentFigure) {
    String bondId = payment.bondId();
    String stream = BondStreams.streamId(bondId);
    StoredEvent payout =
        events.of(stream, PayoutRecorded.class.getName()).stream()
            .filter(
                e ->
                    collector.payload(e).path("paymentId").asString("").equals(payment.paymentId()))
            .findFirst()
            .orElseThrow(
                () ->
                    new ReportRefusedException(
                        "no stored payout of " + payment.paymentId() + " of bond " + bondId));
    StoredEvent recorded =
        events.of(stream, HoldingsRecorded.class.getName()).stream()
            .filter(e -> e.globalIndex() < payout.globalIndex())
            .max(Comparator.comparingLong(StoredEvent::globalIndex))
            .orElseThrow(
                () ->
                    new ReportRefusedException(
                        "no stored register of bond " + bondId + " before its payout"));
    JsonNode register = collector.payload(recorded);
    int version = register.path("version").asInt(0);
    long units = 0;
    for (JsonNode holding : register.path("holdings")) {
      if (holding.path("holder").asString("").equals(holder)) {
        units = holding.path("units").asLong(0);
      }
    }
    if (units == 0) {
      throw new ReportRefusedException(
          "holder " + holder + " holds nothing in register " + version + " of bond " + bondId);
    }
    String input =
        collector.event("holdings." + bondId + ".v" + version, InputKind.HOLDINGS, recorded);
    return new Figure(
        "payout." + bondId + "." + payment.paymentId(),
        "Payout of "
            + bondId
            + " "
            + payment.paymentId()
            + " to "
            + holder
            + ": "
            + units
            + " of "
            + register.path("totalUnits").asLong(0)
            + " units (register version "
            + version
            + ", record date "
            + payment.recordDate()
            + ")",
        "",
        payment.amount().currency().getCurrencyCode(),
        HolderPayoutFormula.NAME,
        Map.of(
            "holder",
            holder,
            "units",
            Long.toString(units),
            "allocationDigest",
            collector.payload(payout).path("allocationDigest").asString("")),
        List.of(paymentFigure, input));
  }
}
