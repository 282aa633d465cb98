package io.twinledger.ledger.bond;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.Payout;
import io.twinledger.finance.payout.PayoutDigest;
import io.twinledger.ledger.bond.api.BondDefined;
import io.twinledger.ledger.bond.api.BondIssued;
import io.twinledger.ledger.bond.api.BondMatured;
import io.twinledger.ledger.bond.api.BondRevised;
import io.twinledger.ledger.bond.api.BondRuleViolation;
import io.twinledger.ledger.bond.api.BondStreams;
import io.twinledger.ledger.bond.api.CosignDetermination;
import io.twinledger.ledger.bond.api.DecidedPayment;
import io.twinledger.ledger.bond.api.DeclarePayment;
import io.twinledger.ledger.bond.api.DefineBond;
import io.twinledger.ledger.bond.api.DeterminationCosigned;
import io.twinledger.ledger.bond.api.DeterminationDisputed;
import io.twinledger.ledger.bond.api.DeterminationProposed;
import io.twinledger.ledger.bond.api.DeterminationRejected;
import io.twinledger.ledger.bond.api.DisputeDetermination;
import io.twinledger.ledger.bond.api.HoldingsRecorded;
import io.twinledger.ledger.bond.api.IssueBond;
import io.twinledger.ledger.bond.api.MatureBond;
import io.twinledger.ledger.bond.api.PaymentDeclared;
import io.twinledger.ledger.bond.api.PayoutRecorded;
import io.twinledger.ledger.bond.api.PeriodUse;
import io.twinledger.ledger.bond.api.ProposeDetermination;
import io.twinledger.ledger.bond.api.RecordHoldings;
import io.twinledger.ledger.bond.api.RecordPayout;
import io.twinledger.ledger.bond.api.RejectDetermination;
import io.twinledger.ledger.bond.api.ReviseBond;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A performance-linked bond in the books: its terms and their versions, the register of holders,
 * the determinations of its performance features, the payments declared and the payouts made.
 *
 * <p>The aggregate decides what may happen in what order. Terms change only before issue. A
 * performance payment is declared only from a determination the trustee co-signed, and only for the
 * amount that determination decided; a determination whose periods were revised afterwards is
 * disputed, and its payments, declared or not, are never changed silently. A payout is recorded
 * once per chain and must pay exactly the declared amount. What a determination decides (the
 * amounts under the terms, from proven periods) is computed before the command is sent, because
 * that needs the read side of the register and the audit log.
 */
@Aggregate
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
public class Bond {

  /** Kinds of payment that are paid only on a co-signed determination. */
  static final Set<String> PERFORMANCE_KINDS = Set.of("OUTCOME", "AVAILABILITY", "PER_UNIT");

  /** Kinds of payment the terms fix without a determination. */
  static final Set<String> SCHEDULED_KINDS = Set.of("COUPON", "PRINCIPAL");

  enum Status {
    DRAFT,
    ISSUED,
    MATURED
  }

  enum DeterminationState {
    PROPOSED,
    COSIGNED,
    REJECTED
  }

  /** What the rules need to remember of one determination. */
  record Determination(
      DeterminationState state,
      List<PeriodUse> periods,
      Map<String, DecidedPayment> payments,
      boolean disputed) {

    Determination with(DeterminationState next) {
      return new Determination(next, periods, payments, disputed);
    }
  }

  @AggregateIdentifier private String streamId;
  private String bondId;
  private int version;
  private String termsHash;
  private Status status;
  private int registerVersion;
  private Map<String, Determination> determinations;
  private Map<String, Money> declared;
  private Map<String, String> paidDigests;
  private Set<String> disputedPeriods;

  protected Bond() {}

  @CommandHandler
  public Bond(DefineBond command) {
    apply(new BondDefined(command.bondId(), 1, command.terms(), command.termsHash()));
  }

  @CommandHandler
  public int handle(ReviseBond command) {
    if (status != Status.DRAFT) {
      throw new BondRuleViolation(
          "terms",
          "bond " + bondId + " is " + status.name().toLowerCase() + "; its terms are fixed");
    }
    command
        .expectedVersion()
        .filter(expected -> expected != version)
        .ifPresent(
            expected -> {
              throw new BondRuleViolation(
                  "expectedVersion",
                  "bond "
                      + bondId
                      + " is at version "
                      + version
                      + ", not "
                      + expected
                      + "; reload it and apply the change again");
            });
    if (command.termsHash().equals(termsHash)) {
      return version;
    }
    int next = version + 1;
    apply(new BondRevised(bondId, next, command.terms(), command.termsHash(), command.reason()));
    return next;
  }

  @CommandHandler
  public int handle(IssueBond command) {
    if (status != Status.DRAFT) {
      throw new BondRuleViolation("bondId", "bond " + bondId + " is already issued");
    }
    if (!command.expectedTermsHash().equals(termsHash)) {
      throw new BondRuleViolation(
          "termsHash",
          "the terms approved ("
              + command.expectedTermsHash()
              + ") are not the bond's current terms ("
              + termsHash
              + ", version "
              + version
              + ")");
    }
    apply(new BondIssued(bondId, version, termsHash));
    return version;
  }

  @CommandHandler
  public int handle(RecordHoldings command) {
    requireNot(Status.MATURED, "holdings");
    Set<String> holders = new HashSet<>();
    long total = 0;
    for (int i = 0; i < command.holdings().size(); i++) {
      Holding holding = command.holdings().get(i);
      if (!holders.add(holding.holder())) {
        throw new BondRuleViolation(
            "holdings[" + i + "].holder", "holder " + holding.holder() + " appears twice");
      }
      total = Math.addExact(total, holding.units());
    }
    apply(
        new HoldingsRecorded(
            bondId, registerVersion + 1, command.holdings(), total, command.reason()));
    // apply ran the sourcing handler: this is the new register version.
    return registerVersion;
  }

  @CommandHandler
  public void handle(ProposeDetermination command) {
    requireIssued("determinationId");
    Determination existing = determinations.get(command.determinationId());
    if (existing != null && existing.state() != DeterminationState.REJECTED) {
      throw new BondRuleViolation(
          "determinationId",
          "determination "
              + command.determinationId()
              + " is already "
              + existing.state().name().toLowerCase());
    }
    if (command.periods().isEmpty() && command.payments().isEmpty()) {
      throw new BondRuleViolation(
          "periods", "a determination names the periods it used or the payments it decided");
    }
    for (PeriodUse period : command.periods()) {
      for (long leaf : period.leafIndexes()) {
        if (leaf < 0 || leaf >= command.checkpoint().treeSize()) {
          throw new BondRuleViolation(
              "periods",
              "leaf "
                  + leaf
                  + " of "
                  + period.kpiId()
                  + " "
                  + period.month()
                  + " is not covered by the anchored checkpoint of size "
                  + command.checkpoint().treeSize());
        }
      }
      if (period.leafIndexes().isEmpty()) {
        throw new BondRuleViolation(
            "periods",
            period.kpiId() + " " + period.month() + " names no audit leaf: it is not proven");
      }
    }
    for (DecidedPayment payment : command.payments()) {
      requireAmount(payment.amount(), "payments");
      if (declared.containsKey(payment.paymentId()) || decidedElsewhere(payment.paymentId())) {
        throw new BondRuleViolation(
            "payments", "payment " + payment.paymentId() + " is already decided or declared");
      }
    }
    apply(
        new DeterminationProposed(
            bondId,
            command.determinationId(),
            command.feature(),
            termsHash,
            command.outcome(),
            command.periods(),
            command.checkpoint(),
            command.payments()));
  }

  @CommandHandler
  public void handle(CosignDetermination command) {
    Determination determination = proposed(command.determinationId());
    if (determination.disputed()) {
      throw new BondRuleViolation(
          "determinationId",
          "determination "
              + command.determinationId()
              + " is disputed: a period it used was revised; reject it and propose again");
    }
    apply(new DeterminationCosigned(bondId, command.determinationId(), command.trustee()));
  }

  @CommandHandler
  public void handle(RejectDetermination command) {
    proposed(command.determinationId());
    apply(
        new DeterminationRejected(
            bondId, command.determinationId(), command.trustee(), command.reason()));
  }

  /**
   * @return whether a dispute was raised; false when this revision was already raised
   */
  @CommandHandler
  public boolean handle(DisputeDetermination command) {
    Determination determination = determinations.get(command.determinationId());
    if (determination == null) {
      throw new BondRuleViolation(
          "determinationId", "no determination " + command.determinationId());
    }
    PeriodUse revised = command.revised();
    Optional<PeriodUse> used =
        determination.periods().stream()
            .filter(
                p ->
                    p.assetId().equals(revised.assetId())
                        && p.kpiId().equals(revised.kpiId())
                        && p.month().equals(revised.month()))
            .findFirst();
    if (used.isEmpty() || used.get().revision() >= revised.revision()) {
      return false;
    }
    if (!disputedPeriods.add(disputeKey(command.determinationId(), revised))) {
      return false;
    }
    apply(new DeterminationDisputed(bondId, command.determinationId(), used.get(), revised));
    return true;
  }

  /**
   * @return whether the payment was declared now; false when the same declaration was made before
   */
  @CommandHandler
  public boolean handle(DeclarePayment command) {
    requireIssued("paymentId");
    requireAmount(command.amount(), "amount");
    if (command.recordDate().isAfter(command.date())) {
      throw new BondRuleViolation(
          "recordDate",
          "record date " + command.recordDate() + " is after the payment date " + command.date());
    }
    Money before = declared.get(command.paymentId());
    if (before != null) {
      if (before.equals(command.amount())) {
        return false;
      }
      throw new BondRuleViolation(
          "paymentId", "payment " + command.paymentId() + " was declared as " + before);
    }
    if (PERFORMANCE_KINDS.contains(command.kind())) {
      requireDetermined(command);
    } else if (!SCHEDULED_KINDS.contains(command.kind())) {
      throw new BondRuleViolation("kind", "unknown payment kind " + command.kind());
    } else if (command.determinationId().isPresent()) {
      throw new BondRuleViolation(
          "determinationId", "a " + command.kind() + " follows from the terms alone");
    }
    apply(
        new PaymentDeclared(
            bondId,
            command.paymentId(),
            command.kind(),
            command.date(),
            command.recordDate(),
            command.amount(),
            command.determinationId()));
    return true;
  }

  /**
   * @return whether the payout was recorded now; false when the same payout was recorded before
   */
  @CommandHandler
  public boolean handle(RecordPayout command) {
    Money amount = declared.get(command.paymentId());
    if (amount == null) {
      throw new BondRuleViolation(
          "paymentId",
          "payment " + command.paymentId() + " of bond " + bondId + " is not declared");
    }
    if (!amount.equals(command.total())) {
      throw new BondRuleViolation(
          "total",
          "the payout of "
              + command.paymentId()
              + " on "
              + command.chain()
              + " paid "
              + command.total()
              + ", the payment is "
              + amount);
    }
    Money paid =
        command.payouts().stream()
            .map(Payout::amount)
            .reduce(Money.zero(amount.currency()), Money::plus);
    if (!paid.equals(command.total())) {
      throw new BondRuleViolation(
          "payouts", "the holders' payouts sum to " + paid + ", not " + command.total());
    }
    if (!PayoutDigest.of(command.payouts()).equals(command.allocationDigest())) {
      throw new BondRuleViolation(
          "allocationDigest", "the digest does not match the holders' payouts");
    }
    String key = command.paymentId() + "@" + command.chain();
    String before = paidDigests.get(key);
    if (before != null) {
      if (before.equals(command.allocationDigest())) {
        return false;
      }
      throw new BondRuleViolation(
          "allocationDigest",
          "payment "
              + command.paymentId()
              + " was paid on "
              + command.chain()
              + " with allocation "
              + before);
    }
    apply(
        new PayoutRecorded(
            bondId,
            command.paymentId(),
            command.chain(),
            command.total(),
            command.payouts(),
            command.allocationDigest(),
            command.recordBlock(),
            command.transactions()));
    return true;
  }

  @CommandHandler
  public void handle(MatureBond command) {
    requireIssued("bondId");
    List<String> unpaid =
        declared.keySet().stream()
            .filter(id -> paidDigests.keySet().stream().noneMatch(k -> k.startsWith(id + "@")))
            .sorted()
            .toList();
    if (!unpaid.isEmpty()) {
      throw new BondRuleViolation("bondId", "payments not yet paid: " + String.join(", ", unpaid));
    }
    apply(new BondMatured(bondId));
  }

  @EventSourcingHandler
  void on(BondDefined event) {
    streamId = BondStreams.streamId(event.bondId());
    bondId = event.bondId();
    version = event.version();
    termsHash = event.termsHash();
    status = Status.DRAFT;
    determinations = new HashMap<>();
    declared = new HashMap<>();
    paidDigests = new HashMap<>();
    disputedPeriods = new HashSet<>();
  }

  @EventSourcingHandler
  void on(BondRevised event) {
    version = event.version();
    termsHash = event.termsHash();
  }

  @EventSourcingHandler
  void on(BondIssued event) {
    status = Status.ISSUED;
  }

  @EventSourcingHandler
  void on(HoldingsRecorded event) {
    registerVersion = event.version();
  }

  @EventSourcingHandler
  void on(DeterminationProposed event) {
    Map<String, DecidedPayment> payments = new HashMap<>();
    event.payments().forEach(p -> payments.put(p.paymentId(), p));
    determinations.put(
        event.determinationId(),
        new Determination(DeterminationState.PROPOSED, event.periods(), payments, false));
  }

  @EventSourcingHandler
  void on(DeterminationCosigned event) {
    determinations.computeIfPresent(
        event.determinationId(), (id, d) -> d.with(DeterminationState.COSIGNED));
  }

  @EventSourcingHandler
  void on(DeterminationRejected event) {
    determinations.computeIfPresent(
        event.determinationId(), (id, d) -> d.with(DeterminationState.REJECTED));
  }

  @EventSourcingHandler
  void on(DeterminationDisputed event) {
    disputedPeriods.add(disputeKey(event.determinationId(), event.revised()));
    determinations.computeIfPresent(
        event.determinationId(),
        (id, d) -> new Determination(d.state(), d.periods(), d.payments(), true));
  }

  @EventSourcingHandler
  void on(PaymentDeclared event) {
    declared.put(event.paymentId(), event.amount());
  }

  @EventSourcingHandler
  void on(PayoutRecorded event) {
    paidDigests.put(event.paymentId() + "@" + event.chain(), event.allocationDigest());
  }

  @EventSourcingHandler
  void on(BondMatured event) {
    status = Status.MATURED;
  }

  private void requireDetermined(DeclarePayment command) {
    String id =
        command
            .determinationId()
            .orElseThrow(
                () ->
                    new BondRuleViolation(
                        "determinationId",
                        "a "
                            + command.kind()
                            + " payment is declared only from a co-signed determination"));
    Determination determination = determinations.get(id);
    if (determination == null || determination.state() != DeterminationState.COSIGNED) {
      throw new BondRuleViolation(
          "determinationId",
          "determination "
              + id
              + (determination == null
                  ? " does not exist"
                  : " is " + determination.state().name().toLowerCase() + ", not co-signed"));
    }
    if (determination.disputed()) {
      throw new BondRuleViolation(
          "determinationId",
          "determination " + id + " is disputed: a period it used was revised after it");
    }
    DecidedPayment decided = determination.payments().get(command.paymentId());
    if (decided == null || !decided.amount().equals(command.amount())) {
      throw new BondRuleViolation(
          "amount",
          "determination "
              + id
              + (decided == null
                  ? " decided no payment " + command.paymentId()
                  : " decided " + decided.amount() + " for " + command.paymentId()));
    }
  }

  private Determination proposed(String determinationId) {
    Determination determination = determinations.get(determinationId);
    if (determination == null || determination.state() != DeterminationState.PROPOSED) {
      throw new BondRuleViolation(
          "determinationId",
          "determination "
              + determinationId
              + (determination == null
                  ? " does not exist"
                  : " is " + determination.state().name().toLowerCase()));
    }
    return determination;
  }

  private boolean decidedElsewhere(String paymentId) {
    return determinations.values().stream()
        .filter(d -> d.state() != DeterminationState.REJECTED)
        .anyMatch(d -> d.payments().containsKey(paymentId));
  }

  private void requireIssued(String field) {
    if (status != Status.ISSUED) {
      throw new BondRuleViolation(
          field, "bond " + bondId + " is " + status.name().toLowerCase() + ", not issued");
    }
  }

  private void requireNot(Status forbidden, String field) {
    if (status == forbidden) {
      throw new BondRuleViolation(field, "bond " + bondId + " is " + status.name().toLowerCase());
    }
  }

  private static void requireAmount(Money amount, String field) {
    if (amount.signum() < 0 || !amount.isWholeMinorUnits()) {
      throw new BondRuleViolation(
          field, "amount " + amount + " must be whole minor units and not negative");
    }
  }

  private static String disputeKey(String determinationId, PeriodUse revised) {
    return determinationId
        + "/"
        + revised.assetId()
        + "/"
        + revised.kpiId()
        + "/"
        + revised.month()
        + "/"
        + revised.revision();
  }
}
