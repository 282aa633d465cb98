package io.twinledger.reporting.compliance;

import io.twinledger.ledger.bond.api.BondDefined;
import io.twinledger.ledger.bond.api.BondRevised;
import io.twinledger.ledger.bond.api.BondStreams;
import io.twinledger.ledger.bond.api.DecidedPayment;
import io.twinledger.ledger.bond.api.PeriodUse;
import io.twinledger.ledger.bond.projection.DeterminationView;
import io.twinledger.ledger.store.StoredEvent;
import io.twinledger.ledger.store.StoredEvents;
import io.twinledger.reporting.report.BondPaymentFormula;
import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.InputKind;
import io.twinledger.reporting.report.ReportType;
import io.twinledger.reporting.report.SumFormula;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            read));
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
        drafts.add(
            inputs.period(
                figureId,
                inputs.revision(use.assetId(), use.kpiId(), use.month(), use.revision()),
                use.month()));
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
            .filter(e -> inputs.payload(e).path("termsHash").asString("").equals(termsHash))
            .min(Comparator.comparingLong(StoredEvent::globalIndex))
            .orElseThrow(
                () ->
                    new ReportRefusedException(
                        "no stored terms of bond " + bondId + " hash to " + termsHash));
    return inputs.event(
        "terms." + bondId + "." + termsHash.substring(0, 12), InputKind.BOND_TERMS, event);
  }
}
