package io.twinledger.ledger.bond;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.Payout;
import io.twinledger.finance.payout.PayoutDigest;
import io.twinledger.ledger.bond.api.BondDefined;
import io.twinledger.ledger.bond.api.BondIssued;
import io.twinledger.ledger.bond.api.BondMatured;
import io.twinledger.ledger.bond.api.BondRevised;
import io.twinledger.ledger.bond.api.BondRuleViolation;
import io.twinledger.ledger.bond.api.CheckpointRef;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BondTest {

  private static final String ID = "riverton-eib";
  private static final YearMonth APRIL = YearMonth.of(2021, 4);
  private static final PeriodUse RUNOFF =
      new PeriodUse(
          "gi-rock-creek-a", "runoff-reduction", APRIL, 1, new BigDecimal("0.45"), List.of(7L, 9L));
  private static final CheckpointRef CHECKPOINT =
      new CheckpointRef("riverton-audit", 10, "ab", "tx", 4);
  private static final Money OUTCOME = Money.of("USD", "3300000.00");
  private static final DecidedPayment DECIDED =
      new DecidedPayment(
          "outcome-0",
          LocalDate.of(2021, 4, 1),
          "OUTCOME",
          "ISSUER",
          "INVESTORS",
          OUTCOME,
          "tier 1");

  private AggregateTestFixture<Bond> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Bond.class);
  }

  private static BondDefined defined() {
    return new BondDefined(ID, 1, "{\"id\":\"riverton-eib\"}", "h1");
  }

  private static DeterminationProposed proposed() {
    return new DeterminationProposed(
        ID, "f0-2021-04", 0, "h1", "tier 1", List.of(RUNOFF), CHECKPOINT, List.of(DECIDED));
  }

  private static ProposeDetermination propose(PeriodUse period) {
    return new ProposeDetermination(
        ID, "f0-2021-04", 0, "tier 1", List.of(period), CHECKPOINT, List.of(DECIDED));
  }

  private static DeclarePayment declareOutcome(Money amount) {
    return new DeclarePayment(
        ID,
        "outcome-0",
        "OUTCOME",
        LocalDate.of(2021, 4, 1),
        LocalDate.of(2021, 3, 31),
        amount,
        Optional.of("f0-2021-04"));
  }

  @Test
  void definingRecordsVersionOneAndRevisionsCountUpUntilIssue() {
    fixture
        .givenNoPriorActivity()
        .when(new DefineBond(ID, "{\"id\":\"riverton-eib\"}", "h1"))
        .expectEvents(defined());
    fixture
        .given(defined())
        .when(new ReviseBond(ID, "{}", "h2", Optional.of(1), "tiers"))
        .expectEvents(new BondRevised(ID, 2, "{}", "h2", "tiers"))
        .expectResultMessagePayload(2);
  }

  @Test
  void aStaleRevisionAndARevisionAfterIssueAreRefused() {
    fixture
        .given(defined(), new BondRevised(ID, 2, "{}", "h2", "tiers"))
        .when(new ReviseBond(ID, "{}", "h3", Optional.of(1), "x"))
        .expectException(BondRuleViolation.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("is at version 2"));
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"))
        .when(new ReviseBond(ID, "{}", "h3", Optional.empty(), "x"))
        .expectException(BondRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void issuingNeedsTheTermsTheIssuerApproved() {
    fixture
        .given(defined())
        .when(new IssueBond(ID, "h1"))
        .expectEvents(new BondIssued(ID, 1, "h1"));
    fixture
        .given(defined())
        .when(new IssueBond(ID, "other"))
        .expectException(BondRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void holdingsNameEachHolderOnce() {
    List<Holding> holdings = List.of(new Holding("a", 3), new Holding("b", 2));
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"))
        .when(new RecordHoldings(ID, holdings, "placement"))
        .expectEvents(new HoldingsRecorded(ID, 1, holdings, 5, "placement"));
    fixture
        .given(defined())
        .when(new RecordHoldings(ID, List.of(new Holding("a", 1), new Holding("a", 2)), "x"))
        .expectException(BondRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void aDeterminationNeedsProvenPeriodsAndAnIssuedBond() {
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"))
        .when(propose(RUNOFF))
        .expectEvents(proposed());
    fixture
        .given(defined())
        .when(propose(RUNOFF))
        .expectException(BondRuleViolation.class)
        .expectNoEvents();
    PeriodUse beyondCheckpoint =
        new PeriodUse(
            "gi-rock-creek-a", "runoff-reduction", APRIL, 1, BigDecimal.ONE, List.of(10L));
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"))
        .when(propose(beyondCheckpoint))
        .expectException(BondRuleViolation.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("not covered"));
    PeriodUse unproven =
        new PeriodUse("gi-rock-creek-a", "runoff-reduction", APRIL, 1, BigDecimal.ONE, List.of());
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"))
        .when(propose(unproven))
        .expectException(BondRuleViolation.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("not proven"));
  }

  @Test
  void aDeterminationWithoutPeriodsMustDecideAPaymentTheTermsAloneFix() {
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"))
        .when(
            new ProposeDetermination(
                ID, "f1-2026-02-28", 1, "lag month", List.of(), CHECKPOINT, List.of()))
        .expectException(BondRuleViolation.class)
        .expectNoEvents();
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"))
        .when(
            new ProposeDetermination(
                ID, "f1-2026-02-28", 1, "lag month", List.of(), CHECKPOINT, List.of(DECIDED)))
        .expectEvents(
            new DeterminationProposed(
                ID,
                "f1-2026-02-28",
                1,
                "h1",
                "lag month",
                List.of(),
                CHECKPOINT,
                List.of(DECIDED)));
  }

  @Test
  void aPerformancePaymentIsDeclaredOnlyFromACosignedDeterminationForItsAmount() {
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"), proposed())
        .when(declareOutcome(OUTCOME))
        .expectException(BondRuleViolation.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("not co-signed"));
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"), proposed())
        .when(new CosignDetermination(ID, "f0-2021-04", "trustee"))
        .expectEvents(new DeterminationCosigned(ID, "f0-2021-04", "trustee"));
    fixture
        .given(
            defined(),
            new BondIssued(ID, 1, "h1"),
            proposed(),
            new DeterminationCosigned(ID, "f0-2021-04", "trustee"))
        .when(declareOutcome(Money.of("USD", "3300000.01")))
        .expectException(BondRuleViolation.class)
        .expectNoEvents();
    fixture
        .given(
            defined(),
            new BondIssued(ID, 1, "h1"),
            proposed(),
            new DeterminationCosigned(ID, "f0-2021-04", "trustee"))
        .when(declareOutcome(OUTCOME))
        .expectSuccessfulHandlerExecution()
        .expectResultMessagePayload(true);
  }

  @Test
  void aRejectedDeterminationPaysNothingAndMayBeProposedAgain() {
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"), proposed())
        .when(new RejectDetermination(ID, "f0-2021-04", "trustee", "wrong baseline"))
        .expectEvents(new DeterminationRejected(ID, "f0-2021-04", "trustee", "wrong baseline"));
    fixture
        .given(
            defined(),
            new BondIssued(ID, 1, "h1"),
            proposed(),
            new DeterminationRejected(ID, "f0-2021-04", "trustee", "wrong baseline"))
        .when(propose(RUNOFF))
        .expectEvents(proposed());
  }

  @Test
  void aLaterRevisionDisputesTheDeterminationOnceAndLeavesTheDeclaredPaymentAlone() {
    PeriodUse revised =
        new PeriodUse(
            "gi-rock-creek-a", "runoff-reduction", APRIL, 2, new BigDecimal("0.30"), List.of(12L));
    PaymentDeclared declared =
        new PaymentDeclared(
            ID,
            "outcome-0",
            "OUTCOME",
            LocalDate.of(2021, 4, 1),
            LocalDate.of(2021, 3, 31),
            OUTCOME,
            Optional.of("f0-2021-04"));
    fixture
        .given(
            defined(),
            new BondIssued(ID, 1, "h1"),
            proposed(),
            new DeterminationCosigned(ID, "f0-2021-04", "trustee"),
            declared)
        .when(new DisputeDetermination(ID, "f0-2021-04", revised))
        .expectEvents(new DeterminationDisputed(ID, "f0-2021-04", RUNOFF, revised))
        .expectResultMessagePayload(true);
    fixture
        .given(
            defined(),
            new BondIssued(ID, 1, "h1"),
            proposed(),
            new DeterminationDisputed(ID, "f0-2021-04", RUNOFF, revised))
        .when(new DisputeDetermination(ID, "f0-2021-04", revised))
        .expectNoEvents()
        .expectResultMessagePayload(false);
    fixture
        .given(
            defined(),
            new BondIssued(ID, 1, "h1"),
            proposed(),
            new DeterminationDisputed(ID, "f0-2021-04", RUNOFF, revised))
        .when(new CosignDetermination(ID, "f0-2021-04", "trustee"))
        .expectException(BondRuleViolation.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("disputed"));
  }

  @Test
  void aPayoutPaysExactlyTheDeclaredAmountOncePerChain() {
    PaymentDeclared coupon =
        new PaymentDeclared(
            ID,
            "coupon-1",
            "COUPON",
            LocalDate.of(2017, 3, 29),
            LocalDate.of(2017, 3, 28),
            Money.of("USD", "100.00"),
            Optional.empty());
    List<Payout> payouts =
        List.of(
            new Payout("a", Money.of("USD", "33.34")),
            new Payout("b", Money.of("USD", "33.33")),
            new Payout("c", Money.of("USD", "33.33")));
    String digest = PayoutDigest.of(payouts);
    RecordPayout payout =
        new RecordPayout(
            ID,
            "coupon-1",
            "fabric",
            Money.of("USD", "100.00"),
            payouts,
            digest,
            5,
            List.of("tx1"));
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"), coupon)
        .when(payout)
        .expectEvents(
            new PayoutRecorded(
                ID,
                "coupon-1",
                "fabric",
                Money.of("USD", "100.00"),
                payouts,
                digest,
                5,
                List.of("tx1")));
    PayoutRecorded recorded =
        new PayoutRecorded(
            ID,
            "coupon-1",
            "fabric",
            Money.of("USD", "100.00"),
            payouts,
            digest,
            5,
            List.of("tx1"));
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"), coupon, recorded)
        .when(payout)
        .expectNoEvents()
        .expectResultMessagePayload(false);
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"), coupon)
        .when(
            new RecordPayout(
                ID,
                "coupon-1",
                "evm",
                Money.of("USD", "99.99"),
                payouts,
                digest,
                5,
                List.of("0x1")))
        .expectException(BondRuleViolation.class)
        .expectNoEvents();
    List<Payout> forged =
        List.of(
            new Payout("a", Money.of("USD", "33.33")),
            new Payout("b", Money.of("USD", "33.34")),
            new Payout("c", Money.of("USD", "33.33")));
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"), coupon)
        .when(
            new RecordPayout(
                ID,
                "coupon-1",
                "evm",
                Money.of("USD", "100.00"),
                forged,
                digest,
                5,
                List.of("0x1")))
        .expectException(BondRuleViolation.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("digest"));
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"), coupon)
        .when(new MatureBond(ID))
        .expectException(BondRuleViolation.class)
        .expectExceptionMessage(org.hamcrest.Matchers.containsString("coupon-1"));
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"), coupon, recorded)
        .when(new MatureBond(ID))
        .expectEvents(new BondMatured(ID));
  }

  @Test
  void aCouponNeedsNoDeterminationButAnUnknownKindIsRefused() {
    DeclarePayment unknown =
        new DeclarePayment(
            ID,
            "x",
            "BONUS",
            LocalDate.of(2017, 3, 29),
            LocalDate.of(2017, 3, 28),
            Money.of("USD", "1.00"),
            Optional.empty());
    fixture
        .given(defined(), new BondIssued(ID, 1, "h1"))
        .when(unknown)
        .expectException(BondRuleViolation.class);
    assertThat(Bond.PERFORMANCE_KINDS).doesNotContainAnyElementsOf(Bond.SCHEDULED_KINDS);
  }
}
