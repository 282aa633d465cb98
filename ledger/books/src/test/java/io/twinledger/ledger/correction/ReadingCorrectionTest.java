package io.twinledger.ledger.correction;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.twinledger.ledger.correction.api.CorrectionAction;
import io.twinledger.ledger.correction.api.CorrectionDecided;
import io.twinledger.ledger.correction.api.CorrectionRequested;
import io.twinledger.ledger.correction.api.CorrectionRuleViolation;
import io.twinledger.ledger.correction.api.CorrectionTarget;
import io.twinledger.ledger.correction.api.DecideCorrection;
import io.twinledger.ledger.correction.api.ReadingRef;
import io.twinledger.ledger.correction.api.RequestCorrection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadingCorrectionTest {

  private static final CorrectionTarget READING =
      new CorrectionTarget(
          7,
          "ab".repeat(32),
          Optional.of(
              new ReadingRef(
                  "bulk",
                  "inlet-x",
                  Instant.parse("2026-11-01T13:00:00Z"),
                  "dma-north-hill",
                  "system-input-volume",
                  new BigDecimal("99999999999"),
                  "MTQ")));
  private static final CorrectionTarget BATCH =
      new CorrectionTarget(7, "ab".repeat(32), Optional.empty());
  private static final List<String> CLOSED = List.of("system-input-volume MONTH 2026-11");

  private AggregateTestFixture<ReadingCorrection> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(ReadingCorrection.class);
  }

  @Test
  void aCorrectionOfAClosedPeriodWaitsForASecondPerson() {
    fixture
        .givenNoPriorActivity()
        .when(supersede("operator", CLOSED, true))
        .expectEvents(requested("operator", CLOSED, true));
  }

  @Test
  void withoutClosedPeriodsOrWithoutFourEyesItAppliesAtOnce() {
    fixture
        .givenNoPriorActivity()
        .when(supersede("operator", List.of(), true))
        .expectEvents(requested("operator", List.of(), false));
    fixture
        .givenNoPriorActivity()
        .when(supersede("operator", CLOSED, false))
        .expectEvents(requested("operator", CLOSED, false));
  }

  @Test
  void anotherPersonApproves() {
    fixture
        .given(requested("operator", CLOSED, true))
        .when(new DecideCorrection(1, "officer", true, Optional.empty()))
        .expectEvents(new CorrectionDecided(1, "officer", true, Optional.empty()));
  }

  @Test
  void theRequesterCannotApproveTheirOwnCorrection() {
    fixture
        .given(requested("operator", CLOSED, true))
        .when(new DecideCorrection(1, "operator", true, Optional.empty()))
        .expectNoEvents()
        .expectExceptionMessage(
            "correction 1 was requested by operator; another person must decide it");
  }

  @Test
  void aDecidedOrAppliedCorrectionCannotBeDecidedAgain() {
    fixture
        .given(
            requested("operator", CLOSED, true),
            new CorrectionDecided(1, "officer", false, Optional.of("value is right")))
        .when(new DecideCorrection(1, "auditor", true, Optional.empty()))
        .expectException(CorrectionRuleViolation.class);
    fixture
        .given(requested("operator", List.of(), false))
        .when(new DecideCorrection(1, "officer", true, Optional.empty()))
        .expectExceptionMessage("correction 1 is not waiting for a decision");
  }

  @Test
  void theRulesRefuseMalformedCorrections() {
    fixture
        .givenNoPriorActivity()
        .when(
            new RequestCorrection(
                1,
                READING,
                CorrectionAction.SUPERSEDE,
                Optional.empty(),
                "typo",
                "operator",
                List.of(),
                true,
                Optional.empty()))
        .expectExceptionMessage("is required to supersede a reading");
    fixture
        .givenNoPriorActivity()
        .when(
            new RequestCorrection(
                1,
                BATCH,
                CorrectionAction.SUPERSEDE,
                Optional.of(BigDecimal.ONE),
                "typo",
                "operator",
                List.of(),
                true,
                Optional.empty()))
        .expectException(CorrectionRuleViolation.class);
    fixture
        .givenNoPriorActivity()
        .when(
            new RequestCorrection(
                1,
                READING,
                CorrectionAction.HOLD,
                Optional.empty(),
                "looks odd",
                "operator",
                List.of(),
                true,
                Optional.empty()))
        .expectExceptionMessage("only the spike rule holds readings, and it only holds them");
  }

  @Test
  void aResubmissionNamesItsQuarantineEntryAndWaitsLikeAnyCorrectionOfAClosedPeriod() {
    fixture
        .givenNoPriorActivity()
        .when(
            new RequestCorrection(
                3,
                BATCH,
                CorrectionAction.RESUBMIT,
                Optional.empty(),
                "unit typo fixed",
                "operator",
                CLOSED,
                true,
                Optional.of(12L)))
        .expectEvents(
            new CorrectionRequested(
                3,
                BATCH,
                CorrectionAction.RESUBMIT,
                Optional.empty(),
                "unit typo fixed",
                "operator",
                CLOSED,
                true,
                Optional.of(12L)));
    fixture
        .givenNoPriorActivity()
        .when(
            new RequestCorrection(
                3,
                BATCH,
                CorrectionAction.RESUBMIT,
                Optional.empty(),
                "unit typo fixed",
                "operator",
                List.of(),
                true,
                Optional.empty()))
        .expectException(CorrectionRuleViolation.class);
    fixture
        .givenNoPriorActivity()
        .when(
            new RequestCorrection(
                3,
                BATCH,
                CorrectionAction.VOID,
                Optional.empty(),
                "wrong file",
                "operator",
                List.of(),
                true,
                Optional.of(12L)))
        .expectExceptionMessage("belongs only to RESUBMIT, not to VOID");
  }

  @Test
  void aHoldByTheSpikeRuleNeverWaits() {
    fixture
        .givenNoPriorActivity()
        .when(
            new RequestCorrection(
                2,
                READING,
                CorrectionAction.HOLD,
                Optional.empty(),
                "far outside",
                ReadingCorrection.SPIKE_RULE,
                CLOSED,
                true,
                Optional.empty()))
        .expectEvents(
            new CorrectionRequested(
                2,
                READING,
                CorrectionAction.HOLD,
                Optional.empty(),
                "far outside",
                ReadingCorrection.SPIKE_RULE,
                CLOSED,
                false,
                Optional.empty()));
  }

  @Test
  void aReasonIsRequired() {
    assertThrows(
        CorrectionRuleViolation.class,
        () ->
            new RequestCorrection(
                1,
                BATCH,
                CorrectionAction.VOID,
                Optional.empty(),
                "  ",
                "operator",
                CLOSED,
                true,
                Optional.empty()));
    assertThrows(
        CorrectionRuleViolation.class,
        () -> new DecideCorrection(1, "officer", false, Optional.of(" ")));
  }

  private static RequestCorrection supersede(String by, List<String> closed, boolean fourEyes) {
    return new RequestCorrection(
        1,
        READING,
        CorrectionAction.SUPERSEDE,
        Optional.of(new BigDecimal("999")),
        "meter misread",
        by,
        closed,
        fourEyes,
        Optional.empty());
  }

  private static CorrectionRequested requested(String by, List<String> closed, boolean waits) {
    return new CorrectionRequested(
        1,
        READING,
        CorrectionAction.SUPERSEDE,
        Optional.of(new BigDecimal("999")),
        "meter misread",
        by,
        closed,
        waits,
        Optional.empty());
  }
}
