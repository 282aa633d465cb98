package io.twinledger.service.bond;

import io.twinledger.finance.bond.payment.BondPayment;
import io.twinledger.finance.bond.payment.BondPayments;
import io.twinledger.finance.bond.payment.Observation;
import io.twinledger.finance.bond.payment.PaymentKind;
import io.twinledger.finance.bond.payment.PaymentSchedule;
import io.twinledger.finance.bond.payment.PendingPayment;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.finance.bond.terms.Party;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.PayoutAllocation;
import io.twinledger.finance.payout.PayoutDigest;
import io.twinledger.ledger.bond.api.DecidedPayment;
import io.twinledger.ledger.bond.api.DeclarePayment;
import io.twinledger.ledger.bond.api.PeriodUse;
import io.twinledger.ledger.bond.api.RecordPayout;
import io.twinledger.ledger.bond.projection.BondView;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.bond.projection.DeterminationView;
import io.twinledger.ledger.bond.projection.PaymentView;
import io.twinledger.ledger.bond.projection.PayoutView;
import io.twinledger.ledger.token.PayoutOrder;
import io.twinledger.ledger.token.PayoutReceipt;
import io.twinledger.ledger.token.TokenLedger;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.json.JSONStringer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares the payments that fall due and pays them to the token holders on every chain.
 *
 * <ul>
 *   <li>Coupons and the principal follow from the terms: each is declared once its record date has
 *       come, with the coupon rate the co-signed step-up determinations set. A coupon that a
 *       step-up still undetermined could change waits.
 *   <li>A performance payment to the investors is declared from its co-signed determination, for
 *       exactly the amount it decided. Payments the investors owe the issuer (a risk-share payment)
 *       stay in their determination: collecting them is off chain.
 *   <li>A declared payment is paid on its date. Each chain pays it once, by payment id; the chain's
 *       allocation must be the one the books compute from their own register (same digest), or the
 *       payout is not recorded and the mismatch is reported.
 * </ul>
 *
 * <p>Every step is idempotent, so the job that runs it completes an interrupted payout after a
 * restart.
 */
public class BondPayouts {

  private static final Logger log = LoggerFactory.getLogger(BondPayouts.class);

  private final CommandGateway commands;
  private final Bonds bonds;
  private final TokenLedgers ledgers;
  private final Clock clock;

  public BondPayouts(CommandGateway commands, Bonds bonds, TokenLedgers ledgers, Clock clock) {
    this.commands = commands;
    this.bonds = bonds;
    this.ledgers = ledgers;
    this.clock = clock;
  }

  /** The payment id of a payment of the schedule: kind and date, plus the feature if any. */
  public static String paymentId(BondPayment payment) {
    String kind = payment.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    return payment.feature().isPresent() && payment.kind() != PaymentKind.COUPON
        ? "f" + payment.feature().getAsInt() + "-" + kind + "-" + payment.date()
        : kind + "-" + payment.date();
  }

  /** The observations the co-signed determinations of a bond fixed, as the schedule reads them. */
  public List<Observation> decidedObservations(String bondId) {
    return bonds.decidedPeriods(bondId).stream()
        .map(p -> new Observation(p.kpiId(), p.month().atDay(1), p.value()))
        .distinct()
        .toList();
  }

  /** The schedule of a bond as its co-signed determinations decide it. */
  public PaymentSchedule schedule(BondView bond) {
    return BondPayments.schedule(terms(bond), decidedObservations(bond.bondId()));
  }

  /**
   * Declares what has fallen due in every issued bond.
   *
   * @return the payment ids declared now
   */
  public List<String> declareDue() {
    List<String> declared = new ArrayList<>();
    LocalDate today = LocalDate.now(clock);
    for (BondView bond : bonds.list()) {
      if (!bond.status().equals("ISSUED")) {
        continue;
      }
      Set<String> done =
          bonds.payments(bond.bondId()).stream()
              .map(PaymentView::paymentId)
              .collect(Collectors.toSet());
      PaymentSchedule schedule = schedule(bond);
      Optional<LocalDate> heldFrom =
          schedule.pending().stream()
              .filter(p -> p.kind() == PaymentKind.COUPON)
              .map(PendingPayment::date)
              .min(LocalDate::compareTo);
      for (BondPayment payment : schedule.payments()) {
        boolean scheduled =
            payment.kind() == PaymentKind.COUPON || payment.kind() == PaymentKind.PRINCIPAL;
        boolean held = heldFrom.isPresent() && !payment.date().isBefore(heldFrom.get());
        String id = paymentId(payment);
        if (scheduled && !held && !payment.recordDate().isAfter(today) && !done.contains(id)) {
          declare(bond.bondId(), id, payment, Optional.empty());
          declared.add(bond.bondId() + "/" + id);
        }
      }
      for (DeterminationView determination : bonds.determinations(bond.bondId())) {
        if (!determination.status().equals("COSIGNED") || !determination.disputes().isEmpty()) {
          continue;
        }
        for (DecidedPayment decided : determination.payments()) {
          if (decided.payee().equals(Party.INVESTORS.name())
              && !done.contains(decided.paymentId())) {
            recordOnChains(determination);
            commands.sendAndWait(
                new DeclarePayment(
                    bond.bondId(),
                    decided.paymentId(),
                    decided.kind(),
                    decided.date(),
                    recordDate(bond, decided.date()),
                    decided.amount(),
                    Optional.of(determination.determinationId())));
            declared.add(bond.bondId() + "/" + decided.paymentId());
          }
        }
      }
    }
    return declared;
  }

  /**
   * Pays every declared payment whose date has come on each chain that has not recorded it.
   *
   * @return the payouts recorded now, as {@code bond/payment@chain}
   */
  public List<String> payDue() {
    List<String> paid = new ArrayList<>();
    LocalDate today = LocalDate.now(clock);
    for (BondView bond : bonds.list()) {
      if (bond.status().equals("DRAFT") || bond.registerVersion() == 0) {
        // Not placed yet: nobody holds it, so there is nobody to pay.
        continue;
      }
      for (PaymentView payment : bonds.payments(bond.bondId())) {
        if (payment.date().isAfter(today)) {
          continue;
        }
        for (TokenLedger ledger : ledgers.all()) {
          if (payment.paidOn().contains(ledger.chain())) {
            continue;
          }
          try {
            pay(bond, payment, ledger).ifPresent(p -> paid.add(bond.bondId() + "/" + p));
          } catch (RuntimeException e) {
            // One chain or payment failing must not hold up the others; the next run retries.
            log.warn(
                "Payout {} of bond {} on {} failed, retried on the next run: {}",
                payment.paymentId(),
                bond.bondId(),
                ledger.chain(),
                e.getMessage());
          }
        }
      }
    }
    return paid;
  }

  /**
   * Pays one declared payment on one chain and records it in the books, if the chain's allocation
   * is the books' own.
   *
   * @return {@code payment@chain} when recorded
   */
  public Optional<String> pay(BondView bond, PaymentView payment, TokenLedger ledger) {
    List<Holding> register = bonds.holdings(bond.bondId());
    if (register.isEmpty()) {
      log.warn("Bond {} has no holders; payment {} waits", bond.bondId(), payment.paymentId());
      return Optional.empty();
    }
    PayoutReceipt receipt =
        ledgers
            .open(ledger, bond.bondId(), payment.amount().currency().getCurrencyCode())
            .pay(
                new PayoutOrder(
                    bond.bondId(),
                    payment.paymentId(),
                    payment.amount(),
                    evidenced(bond, payment)));
    String expected = PayoutDigest.of(PayoutAllocation.allocate(payment.amount(), register));
    if (!receipt.allocationDigest().equals(expected)) {
      log.error(
          "Payout {} of bond {} on {}: the chain's allocation {} is not the books' {}; not recorded,"
              + " see the reconciliation",
          payment.paymentId(),
          bond.bondId(),
          ledger.chain(),
          receipt.allocationDigest(),
          expected);
      return Optional.empty();
    }
    commands.sendAndWait(
        new RecordPayout(
            bond.bondId(),
            payment.paymentId(),
            ledger.chain(),
            payment.amount(),
            receipt.payouts(),
            receipt.allocationDigest(),
            receipt.block(),
            receipt.transactions()));
    return Optional.of(payment.paymentId() + "@" + ledger.chain());
  }

  /**
   * Records a co-signed determination with its evidence in each chain's bond registry (once: the
   * registry returns the same record for the same evidence), so that the chain pays its payments
   * only as determined.
   */
  public void recordOnChains(DeterminationView determination) {
    if (determination.periods().isEmpty()) {
      // Decided by the terms alone (a month inside an availability payment's lag): there is no
      // evidence to record, and the chain pays it as a scheduled payment.
      return;
    }
    String evidence = evidence(determination);
    String currency =
        determination.payments().isEmpty()
            ? terms(bonds.find(determination.bondId()).orElseThrow()).currency().getCurrencyCode()
            : determination.payments().getFirst().amount().currency().getCurrencyCode();
    for (TokenLedger ledger : ledgers.all()) {
      ledgers
          .open(ledger, determination.bondId(), currency)
          .recordDetermination(determination.bondId(), determination.determinationId(), evidence);
    }
  }

  /**
   * The evidence of a determination as the chains' registries take it: the feature, the periods
   * with their revisions, the audit leaves, the anchored checkpoint, and what the issuer pays (the
   * investors' payments, when they are the payer).
   */
  static String evidence(DeterminationView d) {
    JSONStringer json = new JSONStringer();
    json.object()
        .key("feature")
        .value("f" + d.feature())
        .key("kpi")
        .value(d.periods().getFirst().kpiId())
        .key("periods")
        .array();
    for (PeriodUse p : d.periods()) {
      json.object()
          .key("asset")
          .value(p.assetId())
          .key("kpi")
          .value(p.kpiId())
          .key("month")
          .value(p.month().toString())
          .key("revision")
          .value(p.revision())
          .endObject();
    }
    json.endArray().key("leafIndexes").array();
    d.periods().stream()
        .flatMap(p -> p.leafIndexes().stream())
        .distinct()
        .sorted()
        .forEach(json::value);
    json.endArray()
        .key("checkpoint")
        .object()
        .key("log")
        .value(d.checkpoint().logId())
        .key("size")
        .value(d.checkpoint().treeSize())
        .key("root")
        .value(d.checkpoint().rootHex())
        .endObject();
    boolean issuerPays =
        d.payments().isEmpty()
            || d.payments().stream().anyMatch(p -> p.payer().equals(Party.ISSUER.name()));
    String payer = issuerPays ? Party.ISSUER.name() : Party.INVESTORS.name();
    long minor =
        d.payments().stream()
            .filter(p -> p.payer().equals(payer))
            .mapToLong(
                p ->
                    p.amount()
                        .amount()
                        .movePointRight(p.amount().minorUnitDigits())
                        .longValueExact())
            .sum();
    json.key("amountMinor").value(Long.toString(minor)).key("payer").value(payer).endObject();
    return json.toString();
  }

  /** The determination a chain checks a payment against: one that used KPI periods. */
  private Optional<String> evidenced(BondView bond, PaymentView payment) {
    return payment
        .determinationId()
        .filter(
            id ->
                bonds
                    .determination(bond.bondId(), id)
                    .map(d -> !d.periods().isEmpty())
                    .orElse(true));
  }

  /** The payouts of a bond recorded in the books. */
  public List<PayoutView> payouts(String bondId) {
    return bonds.payouts(bondId);
  }

  private void declare(
      String bondId, String paymentId, BondPayment payment, Optional<String> determinationId) {
    commands.sendAndWait(
        new DeclarePayment(
            bondId,
            paymentId,
            payment.kind().name(),
            payment.date(),
            payment.recordDate(),
            payment.amount(),
            determinationId));
  }

  private LocalDate recordDate(BondView bond, LocalDate date) {
    BondTerms terms = terms(bond);
    return terms.recordDate().recordDate(date, terms.calendar());
  }

  /** A bond's current terms, as recorded. */
  public static BondTerms terms(BondView bond) {
    return BondTermsDocuments.parseJson(bond.terms());
  }
}
