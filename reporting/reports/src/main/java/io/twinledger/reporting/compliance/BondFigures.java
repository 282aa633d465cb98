package io.twinledger.reporting.compliance;

import io.twinledger.finance.bond.terms.AvailabilityPayment;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.finance.bond.terms.CouponStepUp;
import io.twinledger.finance.bond.terms.Deduction;
import io.twinledger.finance.bond.terms.OutcomeTiers;
import io.twinledger.finance.bond.terms.PerUnitPayment;
import io.twinledger.ledger.bond.api.BondDefined;
import io.twinledger.ledger.bond.api.BondRevised;
import io.twinledger.ledger.bond.api.BondStreams;
import io.twinledger.ledger.bond.api.DecidedPayment;
import io.twinledger.ledger.bond.api.PeriodUse;
import io.twinledger.ledger.bond.projection.DeterminationView;
import io.twinledger.ledger.bond.projection.PaymentView;
import io.twinledger.ledger.store.StoredEvent;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.reporting.report.BondPaymentFormula;
import io.twinledger.reporting.report.BondRuleFormula;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.InputKind;
import io.twinledger.reporting.report.KpiMethodFormula;
import io.twinledger.reporting.report.ReportType;
import io.twinledger.reporting.report.SumFormula;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The figures of one report draft that rest on bond payments: a determination's payment as a {@code
 * bond-payment} figure after the bond's terms and the {@code kpi-period} figures it observed, each
 * added once. The inputs they read are gathered by the draft's {@link ReportInputs}, as every
 * drafter's are; this class adds only what is particular to bond payments. The bond reports and the
 * investor statements draft through it, so that a payment is the same figure on the same evidence
 * in both. One instance per draft.
 */
final class BondFigures {

  private final ReportInputs inputs;
  private final StoredEvents events;
  private final List<Figure> drafts = new ArrayList<>();
  private final Map<String, String> periodFigures = new HashMap<>();
  private final Map<String, List<String>> observed = new HashMap<>();
  private final Map<String, String> termsInputs = new HashMap<>();
  private final Map<String, BondTerms> termsByHash = new HashMap<>();
  private final Map<String, Figure> periodDrafts = new HashMap<>();
  private final Set<String> methods = new HashSet<>();

  /**
   * @param inputs the draft's inputs, which this class adds to
   * @param events where the bonds' terms events are read
   */
  BondFigures(ReportInputs inputs, StoredEvents events) {
    this.inputs = inputs;
    this.events = events;
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
    List<String> read = new ArrayList<>();
    read.add(termsInput);
    read.addAll(observed.computeIfAbsent(d.bondId() + "/" + d.determinationId(), k -> periods(d)));
    drafts.add(
        new Figure(
            figureId,
            words(payment.kind(), payment.date(), payment.payer(), payment.payee()),
            "",
            payment.amount().currency().getCurrencyCode(),
            BondPaymentFormula.NAME,
            Map.of(
                "feature", Integer.toString(d.feature()),
                "date", payment.date().toString(),
                "kind", payment.kind(),
                "payer", payment.payer()),
            read));
    return figureId;
  }

  /**
   * Adds the {@code bond-payment} figure {@code figureId} of a payment the schedule of the terms
   * hashing to {@code termsHash} fixes without a determination (a coupon, the principal), reading
   * the terms and the {@code kpi-period} figures of the periods {@code decided}: those the bond's
   * co-signed determinations fixed, which step a coupon up.
   *
   * @return {@code figureId}
   * @throws ReportRefusedException if the data behind it is not stored or not in the audit log
   */
  String fixed(String figureId, PaymentView payment, String termsHash, List<PeriodUse> decided) {
    String termsInput =
        termsInputs.computeIfAbsent(termsHash, hash -> terms(payment.bondId(), hash));
    List<String> read = new ArrayList<>();
    read.add(termsInput);
    decided.stream().map(this::period).forEach(read::add);
    drafts.add(
        new Figure(
            figureId,
            words(payment.kind(), payment.date(), "ISSUER", "INVESTORS"),
            "",
            payment.amount().currency().getCurrencyCode(),
            BondPaymentFormula.NAME,
            Map.of(
                "date", payment.date().toString(),
                "kind", payment.kind(),
                "payer", "ISSUER"),
            read));
    return figureId;
  }

  /**
   * Adds the particulars of the feature {@code d} decided, as {@code bond-rule} and {@code
   * kpi-method} figures between its KPI periods and the payments of {@code paid} (already added by
   * {@link #payment}): the tier an outcome fell in; a step-up's target, whether it was met and the
   * step; an availability payment's MaxPP and the deductions it took, item by item.
   */
  void particulars(DeterminationView d, List<DecidedPayment> paid) {
    String termsInput = termsInputs.computeIfAbsent(d.termsHash(), hash -> terms(d.bondId(), hash));
    BondTerms terms = termsByHash.get(d.termsHash());
    String prefix = d.bondId() + ".f" + d.feature() + ".";
    Map<String, String> feature = Map.of("feature", Integer.toString(d.feature()));
    switch (terms.features().get(d.feature())) {
      case OutcomeTiers tiers ->
          observed(d, tiers.kpi())
              .ifPresent(
                  kpi -> {
                    method(kpi);
                    rule(prefix + "tier", "Tier reached", "", feature, "tier", termsInput, kpi);
                  });
      case CouponStepUp stepUp ->
          observed(d, stepUp.kpi())
              .ifPresent(
                  kpi -> {
                    method(kpi);
                    String unit = periodDrafts.get(kpi).unit();
                    rule(
                        prefix + "target",
                        "Sustainability performance target",
                        unit,
                        feature,
                        "target",
                        termsInput,
                        kpi);
                    rule(
                        prefix + "target-met",
                        "Target met or missed",
                        "",
                        feature,
                        "target-met",
                        termsInput,
                        kpi);
                    rule(prefix + "step", "Coupon step-up", "P1", feature, "step", termsInput, kpi);
                  });
      case AvailabilityPayment availability -> {
        String currency = terms.currency().getCurrencyCode();
        for (DecidedPayment payment : paid) {
          YearMonth month = servedMonth(terms, availability, payment.date());
          Map<String, String> ofMonth = new HashMap<>(feature);
          ofMonth.put("month", month.toString());
          rule(
              prefix + "max-pp." + month,
              "MaxPP of " + month,
              currency,
              ofMonth,
              "max-pp",
              termsInput);
          YearMonth lagged = month.minusMonths(availability.lagMonths());
          List<String> counts = new ArrayList<>();
          for (Deduction deduction : availability.deductions()) {
            d.periods().stream()
                .filter(u -> u.kpiId().equals(deduction.kpi()) && u.month().equals(lagged))
                .findFirst()
                .map(this::period)
                .ifPresent(counts::add);
          }
          if (lagged.isBefore(availability.firstMonth())
              || counts.size() != availability.deductions().size()) {
            continue;
          }
          Map<String, String> ofLagged = new HashMap<>(feature);
          ofLagged.put("month", lagged.toString());
          String[] read =
              Stream.concat(Stream.of(termsInput), counts.stream()).toArray(String[]::new);
          for (Deduction deduction : availability.deductions()) {
            Map<String, String> item = new HashMap<>(ofLagged);
            item.put("kpi", deduction.kpi());
            rule(
                prefix + "deduction." + lagged + "." + deduction.kpi(),
                "Deduction for " + deduction.kpi() + " in " + lagged,
                currency,
                item,
                "deduction",
                read);
          }
          rule(
              prefix + "deductions." + lagged,
              "Deductions of " + lagged + " taken, capped",
              currency,
              ofLagged,
              "deductions",
              read);
        }
      }
      case PerUnitPayment perUnit ->
          d.periods().stream()
              .filter(u -> u.kpiId().equals(perUnit.kpi()))
              .findFirst()
              .map(this::period)
              .ifPresent(this::method);
    }
  }

  /** A payment's label: {@code Outcome payment on 2025-05-01: issuer pays investors}. */
  private static String words(String kind, LocalDate date, String payer, String payee) {
    return kind.charAt(0)
        + kind.substring(1).toLowerCase().replace('_', ' ')
        + " payment on "
        + date
        + ": "
        + payer.toLowerCase()
        + " pays "
        + payee.toLowerCase();
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
   * Every figure added, in order, its value computed by its formula over the gathered data: the
   * code path the verifier runs on the bundle.
   *
   * @throws ReportRefusedException naming the first figure that cannot be computed
   */
  List<Figure> computed() {
    return inputs.compute(drafts);
  }

  /**
   * The title of a report over days, such as a bond report, an investor statement or a P&amp;L
   * statement: its type in words, its subject and the days it covers.
   */
  static String title(ReportType type, String subject, LocalDate from, LocalDate to) {
    String kind =
        switch (type) {
          case BOND_OUTCOME -> "Outcome report";
          case SLB_KPI -> "Sustainability-linked KPI report";
          case AVAILABILITY_STATEMENT -> "Availability payment statement";
          case PER_UNIT_STATEMENT -> "Performance contract statement";
          case INVESTOR_STATEMENT -> "Investor statement";
          case PNL_STATEMENT -> "P&L statement";
          case PORTFOLIO_PNL_STATEMENT -> "Portfolio P&L statement";
          // Titled by its month, by its drafter.
          case COMMUNITY_ENERGY ->
              throw new IllegalArgumentException("a community energy report covers a month");
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

  /** The {@code kpi-period} figure of the one period of {@code kpi} that {@code d} used. */
  private Optional<String> observed(DeterminationView d, String kpi) {
    List<PeriodUse> uses = d.periods().stream().filter(u -> u.kpiId().equals(kpi)).toList();
    return uses.size() == 1 ? Optional.of(period(uses.getFirst())) : Optional.empty();
  }

  /** The {@code kpi-method} figure of a period's KPI, once per asset and KPI. */
  private void method(String periodFigure) {
    Figure period = periodDrafts.get(periodFigure);
    String kpiId = period.parameters().get("kpiId");
    List<String> read =
        period.inputs().stream()
            .filter(
                id -> {
                  InputKind kind = inputs.kind(id);
                  return kind == InputKind.KPI_DEFINITION || kind == InputKind.ASSET_PARAMETERS;
                })
            .toList();
    String id = "method." + periodFigure.substring("kpi.".length());
    if (methods.add(id)) {
      drafts.add(
          new Figure(
              id,
              "How " + kpiId + " is measured",
              "",
              "",
              KpiMethodFormula.NAME,
              Map.of("kpiId", kpiId),
              read));
    }
  }

  private void rule(
      String id,
      String label,
      String unit,
      Map<String, String> parameters,
      String quantity,
      String... read) {
    Map<String, String> all = new HashMap<>(parameters);
    all.put("quantity", quantity);
    drafts.add(new Figure(id, label, "", unit, BondRuleFormula.NAME, all, List.of(read)));
  }

  /** The month of service whose availability payment falls due on {@code date}. */
  private static YearMonth servedMonth(
      BondTerms terms, AvailabilityPayment availability, LocalDate date) {
    for (YearMonth m = availability.firstMonth();
        !m.isAfter(availability.lastMonth());
        m = m.plusMonths(1)) {
      if (terms.paymentDate(m.atEndOfMonth()).equals(date)) {
        return m;
      }
    }
    throw new ReportRefusedException("no month of service is paid on " + date);
  }

  /** The {@code kpi-period} figures of the periods {@code d} used, added when new. */
  private List<String> periods(DeterminationView d) {
    return d.periods().stream().map(this::period).toList();
  }

  /** The {@code kpi-period} figure of one revision of a period, added when new. */
  private String period(PeriodUse use) {
    String key = use.assetId() + "." + use.kpiId() + "." + use.month() + ".r" + use.revision();
    String figureId = periodFigures.get(key);
    if (figureId == null) {
      figureId = "kpi." + use.assetId() + "." + use.kpiId() + "." + use.month();
      if (use.revision() > 1) {
        figureId += ".r" + use.revision();
      }
      periodFigures.put(key, figureId);
      Figure draft =
          inputs.period(
              figureId,
              inputs.revision(use.assetId(), use.kpiId(), use.month(), use.revision()),
              use.month());
      periodDrafts.put(figureId, draft);
      drafts.add(draft);
    }
    return figureId;
  }

  private String terms(String bondId, String termsHash) {
    String stream = BondStreams.streamId(bondId);
    StoredEvent event =
        Stream.concat(
                events.of(stream, BondDefined.class.getName()).stream(),
                events.of(stream, BondRevised.class.getName()).stream())
            .filter(e -> inputs.payload(e).path("termsHash").asString("").equals(termsHash))
            .min(Comparator.comparingLong(StoredEvent::globalIndex))
            .orElseThrow(
                () ->
                    new ReportRefusedException(
                        "no stored terms of bond " + bondId + " hash to " + termsHash));
    termsByHash.put(
        termsHash, BondTermsDocuments.parseJson(inputs.payload(event).path("terms").asString("")));
    return inputs.event(
        "terms." + bondId + "." + termsHash.substring(0, 12), InputKind.BOND_TERMS, event);
  }
}
