package io.twinledger.finance.bond.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.finance.bond.terms.Party;
import io.twinledger.finance.bond.terms.ReferenceDeals;
import io.twinledger.finance.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference deals of issue 16 pay what their terms say. */
class BondPaymentsTest {

  static final BondTerms DC_WATER = ReferenceDeals.terms("dc-water.json");
  static final BondTerms ATLANTA = ReferenceDeals.terms("atlanta.yaml");
  static final BondTerms ENEL = ReferenceDeals.terms("enel.json");
  static final BondTerms CENTRAL_70 = ReferenceDeals.terms("central-70.json");
  static final BondTerms NRW = ReferenceDeals.terms("nrw-contract.json");

  // DC Water ---------------------------------------------------------------------------------

  @Test
  void dcWaterAboveTheUpperTierThresholdTheIssuerPaysTheOutcomePayment() {
    List<BondPayment> outcome = outcomes(DC_WATER, "runoff-reduction", "2021-04-01", "0.45");

    assertThat(outcome)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.date()).isEqualTo(LocalDate.of(2021, 4, 1));
              assertThat(p.payer()).isEqualTo(Party.ISSUER);
              assertThat(p.payee()).isEqualTo(Party.INVESTORS);
              assertThat(p.amount()).isEqualTo(Money.of("USD", "3300000"));
              assertThat(p.recordDate()).isEqualTo(LocalDate.of(2021, 3, 31));
              assertThat(p.feature()).isEqualTo(OptionalInt.of(0));
              assertThat(p.rule())
                  .isEqualTo(
                      "outcome tiers[0] (0.413, ∞): runoff-reduction 0.45 at 2021-04-01 is in it"
                          + " → issuer pays investors USD 3,300,000.00");
            });
  }

  @Test
  void dcWaterBelowTheLowerTierThresholdTheInvestorsPayTheRiskShare() {
    assertThat(outcomes(DC_WATER, "runoff-reduction", "2021-04-01", "0.10"))
        .extracting(BondPayment::payer, BondPayment::payee, BondPayment::amount)
        .containsExactly(tuple(Party.INVESTORS, Party.ISSUER, Money.of("USD", "3300000")));
  }

  @Test
  void dcWaterInTheMiddleNothingIsPaidAndTheDeterminationSaysWhy() {
    // The actual 2021 result: about 20 %.
    List<Observation> observed = List.of(observation("runoff-reduction", "2021-04-01", "0.20"));

    Determination determination = BondPayments.determine(DC_WATER, 0, observed);

    assertThat(determination.payments()).isEmpty();
    assertThat(determination.pending()).isEmpty();
    assertThat(determination.outcomes())
        .containsExactly(
            "no payment: runoff-reduction 0.2 at 2021-04-01 is in no tier ((0.413, ∞), (-∞,"
                + " 0.186))");
    assertThat(BondPayments.schedule(DC_WATER, observed).payments())
        .extracting(BondPayment::kind)
        .containsOnly(PaymentKind.COUPON, PaymentKind.PRINCIPAL);
  }

  @ParameterizedTest(name = "{0} with {1}: {2}")
  @CsvSource({
    "0.413, lowerInclusive false, ",
    "0.413, lowerInclusive true, ISSUER",
    "0.186, upperInclusive false, ",
    "0.186, upperInclusive true, INVESTORS",
    "0.4130000001, lowerInclusive false, ISSUER",
    "0.1859999999, upperInclusive false, INVESTORS"
  })
  void dcWaterAtEachBoundaryBothInclusivitiesPayAsWritten(
      String value, String inclusivity, Party payer) {
    String flag = inclusivity.split(" ")[0];
    boolean inclusive = inclusivity.endsWith("true");
    BondTerms terms =
        BondTermsDocuments.parseJson(
            ReferenceDeals.text("dc-water.json")
                .replace("\"" + flag + "\": false", "\"" + flag + "\": " + inclusive));

    List<BondPayment> outcome = outcomes(terms, "runoff-reduction", "2021-04-01", value);

    if (payer == null) {
      assertThat(outcome).isEmpty();
    } else {
      assertThat(outcome)
          .extracting(BondPayment::payer, BondPayment::amount)
          .containsExactly(tuple(payer, Money.of("USD", "3300000")));
    }
  }

  @Test
  void dcWaterCouponsAndPrincipalAndThePendingOutcomeBeforeTheObservation() {
    PaymentSchedule schedule = BondPayments.schedule(DC_WATER, List.of());

    // 25,000,000 × 0.03432 × 180/360 = 429,000.00, sixty times; 30 years semi-annual.
    assertThat(schedule.payments()).hasSize(61);
    assertThat(schedule.payments().getFirst())
        .extracting(BondPayment::date, BondPayment::kind, BondPayment::amount)
        .containsExactly(LocalDate.of(2017, 3, 29), PaymentKind.COUPON, Money.of("USD", "429000"));
    assertThat(schedule.payments().getLast())
        .extracting(BondPayment::date, BondPayment::kind, BondPayment::amount)
        .containsExactly(
            // 2046-09-29 is a Saturday: paid the following Monday.
            LocalDate.of(2046, 10, 1), PaymentKind.PRINCIPAL, Money.of("USD", "25000000"));
    assertThat(schedule.pending())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(PaymentKind.OUTCOME);
              assertThat(p.date()).isEqualTo(LocalDate.of(2021, 4, 1));
              assertThat(p.kpis()).containsExactly("runoff-reduction");
              assertThat(p.observationDates()).containsExactly(LocalDate.of(2021, 4, 1));
              assertThat(p.rule()).contains("tiers[1] (-∞, 0.186) investors pay issuer");
            });
  }

  // Atlanta ----------------------------------------------------------------------------------

  @Test
  void atlantaPaysOneMillionAtSixPointFiveTwoMillionGallonsAndNothingBelow() {
    assertThat(outcomes(ATLANTA, "stormwater-capacity-mgal", "2025-04-01", "6.52"))
        .extracting(BondPayment::date, BondPayment::payer, BondPayment::amount)
        .containsExactly(tuple(LocalDate.of(2025, 4, 1), Party.ISSUER, Money.of("USD", "1000000")));
    assertThat(outcomes(ATLANTA, "stormwater-capacity-mgal", "2025-04-01", "6.519")).isEmpty();
    assertThat(
            BondPayments.determine(
                    ATLANTA, 0, List.of(observation("stormwater-capacity-mgal", "2025-04-01", "6")))
                .outcomes())
        .singleElement()
        .asString()
        .startsWith("no payment: outcome tiers[1] (-∞, 6.52)");
  }

  // Enel -------------------------------------------------------------------------------------

  @Test
  void enelMissingItsTargetStepsTheCouponUpFromTheFirstPeriodAfterConfirmation() {
    PaymentSchedule schedule =
        BondPayments.schedule(ENEL, List.of(observation("renewable-share", "2021-12-31", "0.50")));

    // 1,500,000,000 × 2.65 % / 2 = 19,875,000.00; × 2.90 % / 2 = 21,750,000.00. The period
    // 2022-03-10 to 2022-09-10 starts before the confirmation (2022-04-15): not stepped.
    assertThat(schedule.payments())
        .extracting(BondPayment::date, BondPayment::kind, p -> p.amount().amount())
        .containsExactly(
            tuple(LocalDate.of(2020, 3, 10), PaymentKind.COUPON, new BigDecimal("19875000")),
            tuple(LocalDate.of(2020, 9, 10), PaymentKind.COUPON, new BigDecimal("19875000")),
            tuple(LocalDate.of(2021, 3, 10), PaymentKind.COUPON, new BigDecimal("19875000")),
            tuple(LocalDate.of(2021, 9, 10), PaymentKind.COUPON, new BigDecimal("19875000")),
            tuple(LocalDate.of(2022, 3, 10), PaymentKind.COUPON, new BigDecimal("19875000")),
            tuple(LocalDate.of(2022, 9, 12), PaymentKind.COUPON, new BigDecimal("19875000")),
            tuple(LocalDate.of(2023, 3, 10), PaymentKind.COUPON, new BigDecimal("21750000")),
            tuple(LocalDate.of(2023, 9, 11), PaymentKind.COUPON, new BigDecimal("21750000")),
            tuple(LocalDate.of(2024, 3, 11), PaymentKind.COUPON, new BigDecimal("21750000")),
            tuple(LocalDate.of(2024, 9, 10), PaymentKind.COUPON, new BigDecimal("21750000")),
            tuple(LocalDate.of(2024, 9, 10), PaymentKind.PRINCIPAL, new BigDecimal("1500000000")));
    BondPayment stepped = schedule.payments().get(6);
    assertThat(stepped.feature()).isEqualTo(OptionalInt.of(0));
    assertThat(stepped.rule())
        .isEqualTo(
            "coupon 2.9 % (2.65 % + 25 bp: renewable-share 0.5 at 2021-12-31 missed target ≥ 0.55,"
                + " confirmed 2022-04-15) × 0.5 (30/360 US, 2022-09-10 to 2023-03-10) × face"
                + " 1,500,000,000.00 → issuer pays investors USD 21,750,000.00");
    assertThat(stepped.recordDate()).isEqualTo(LocalDate.of(2023, 3, 9));
    assertThat(schedule.pending()).isEmpty();
  }

  @ParameterizedTest(name = "renewables {0} meet the 55 % target")
  @CsvSource({"0.55", "0.60"})
  void enelMeetingItsTargetKeepsTheCoupon(String share) {
    List<Observation> observed = List.of(observation("renewable-share", "2021-12-31", share));

    PaymentSchedule schedule = BondPayments.schedule(ENEL, observed);

    assertThat(schedule.payments())
        .filteredOn(p -> p.kind() == PaymentKind.COUPON)
        .hasSize(10)
        .allSatisfy(p -> assertThat(p.amount()).isEqualTo(Money.of("USD", "19875000")));
    assertThat(BondPayments.determine(ENEL, 0, observed).outcomes())
        .containsExactly(
            "no step-up: renewable-share "
                + new BigDecimal(share).stripTrailingZeros().toPlainString()
                + " at 2021-12-31 meets target ≥ 0.55");
  }

  @Test
  void enelsDeterminationListsTheCouponsItStepsUpAndBeforeTheObservationItIsPending() {
    Determination missed =
        BondPayments.determine(
            ENEL, 0, List.of(observation("renewable-share", "2021-12-31", "0.5499")));

    assertThat(missed.payments())
        .extracting(BondPayment::date)
        .containsExactly(
            LocalDate.of(2023, 3, 10),
            LocalDate.of(2023, 9, 11),
            LocalDate.of(2024, 3, 11),
            LocalDate.of(2024, 9, 10));
    assertThat(missed.payments().getFirst().observations())
        .containsExactly(observation("renewable-share", "2021-12-31", "0.5499"));
    assertThat(BondPayments.schedule(ENEL, List.of()).pending())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(PaymentKind.COUPON);
              assertThat(p.date()).isEqualTo(LocalDate.of(2023, 3, 10));
              assertThat(p.observationDates()).containsExactly(LocalDate.of(2021, 12, 31));
            });
  }

  // Central 70 style availability payment -------------------------------------------------------

  static List<Observation> roadMonths() {
    return List.of(
        observation("km-out-of-standard", "2027-01-01", "3"),
        observation("pothole-days", "2027-01-01", "20"),
        observation("km-out-of-standard", "2027-02-01", "12"),
        observation("pothole-days", "2027-02-01", "0"),
        observation("km-out-of-standard", "2027-03-01", "0"),
        observation("pothole-days", "2027-03-01", "0"),
        observation("km-out-of-standard", "2028-01-01", "0"),
        observation("pothole-days", "2028-01-01", "0"));
  }

  @Test
  void availabilityPaysMaxPpLessTheLaggedCappedDeductions() {
    PaymentSchedule schedule = BondPayments.schedule(CENTRAL_70, roadMonths());

    assertThat(schedule.payments())
        .filteredOn(p -> p.kind() == PaymentKind.AVAILABILITY)
        .extracting(BondPayment::date, p -> p.amount().amount(), BondPayment::recordDate)
        .containsExactly(
            // January: 31/365 × 36,500,000, the first month, no deductions yet.
            tuple(LocalDate.of(2027, 2, 1), new BigDecimal("3100000"), LocalDate.of(2027, 1, 29)),
            // February: 28/365 × 36.5M = 2.8M − January's 3 × 10 % × 3.1M + 20 × 500.
            tuple(LocalDate.of(2027, 3, 1), new BigDecimal("1860000"), LocalDate.of(2027, 2, 26)),
            // March: 3.1M − February's 12 × 10 % × 2.8M = 3.36M capped at 1.0 × 2.8M.
            tuple(LocalDate.of(2027, 3, 31), new BigDecimal("300000"), LocalDate.of(2027, 3, 30)),
            // April: 30/365 × 36.5M, March without failures.
            tuple(LocalDate.of(2027, 4, 30), new BigDecimal("3000000"), LocalDate.of(2027, 4, 29)),
            // February 2028: 29/366 × 36.5M = 2,892,076.5027…, rounded half-up once.
            tuple(
                LocalDate.of(2028, 2, 29), new BigDecimal("2892076.5"), LocalDate.of(2028, 2, 28)));
    BondPayment march =
        schedule.payments().stream()
            .filter(
                p ->
                    p.date().equals(LocalDate.of(2027, 3, 31))
                        && p.kind() == PaymentKind.AVAILABILITY)
            .findFirst()
            .orElseThrow();
    assertThat(march.rule())
        .isEqualTo(
            "availability 2027-03: MaxPP 31/365 × 36,500,000.00 = 3,100,000.00; deductions of"
                + " 2027-02 (km-out-of-standard 12 × 0.1 × MaxPP(2027-02) = 3,360,000.00;"
                + " pothole-days 0 × 500 = 0.00) = 3,360,000.00, capped at 1 × MaxPP(2027-02) ="
                + " 2,800,000.00 → issuer pays investors USD 300,000.00");
    assertThat(march.observations()).hasSize(2);
  }

  @Test
  void aMonthsDeductionsAreItemisedAndCappedAsThePaymentTakesThem() {
    MonthDeductions february =
        BondPayments.deductions(CENTRAL_70, 0, YearMonth.of(2027, 2), roadMonths()).orElseThrow();

    assertThat(february.maxPp()).isEqualByComparingTo("2800000");
    assertThat(february.items())
        .extracting(
            i -> i.deduction().kpi(),
            i -> i.observation().value().toPlainString(),
            i -> i.amount().stripTrailingZeros().toPlainString())
        .containsExactly(
            tuple("km-out-of-standard", "12", "3360000"), tuple("pothole-days", "0", "0"));
    assertThat(february.total()).isEqualByComparingTo("3360000");
    assertThat(february.cap()).isEqualByComparingTo("2800000");
    assertThat(february.capped()).isTrue();
    assertThat(february.applied()).isEqualByComparingTo("2800000");
    // January's are under the cap: 3 × 10 % × 3.1M + 20 × 500.
    assertThat(
            BondPayments.deductions(CENTRAL_70, 0, YearMonth.of(2027, 1), roadMonths())
                .orElseThrow()
                .applied())
        .isEqualByComparingTo("940000");
    assertThat(BondPayments.deductions(CENTRAL_70, 0, YearMonth.of(2027, 4), roadMonths()))
        .isEmpty();
    assertThatThrownBy(
            () -> BondPayments.deductions(DC_WATER, 0, YearMonth.of(2027, 1), roadMonths()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("feature 0 is outcome-tiers, no availability payment");
  }

  @Test
  void availabilityWaitsForEveryDeductionCountOfTheLaggedMonth() {
    PaymentSchedule schedule = BondPayments.schedule(CENTRAL_70, roadMonths());

    // May 2027 to January 2028 wait for April to December 2027; March 2028 for February 2028.
    assertThat(schedule.pending())
        .filteredOn(p -> p.kind() == PaymentKind.AVAILABILITY)
        .hasSize(10)
        .first()
        .satisfies(
            p -> {
              assertThat(p.date()).isEqualTo(LocalDate.of(2027, 5, 31));
              assertThat(p.kpis()).containsExactly("km-out-of-standard", "pothole-days");
              assertThat(p.observationDates()).containsExactly(LocalDate.of(2027, 4, 1));
            });
    List<Observation> oneCountMissing = new ArrayList<>(roadMonths());
    oneCountMissing.add(observation("km-out-of-standard", "2027-04-01", "0"));
    assertThat(BondPayments.schedule(CENTRAL_70, oneCountMissing).pending())
        .filteredOn(p -> p.kind() == PaymentKind.AVAILABILITY)
        .hasSize(10);
  }

  @Test
  void availabilityIsFlooredAtZeroWhenLastMonthsDeductionsExceedThisMonthsMaximum() {
    BondTerms twiceCapped =
        BondTermsDocuments.parseJson(
            ReferenceDeals.text("central-70.json")
                .replace("\"capMultiple\": \"1.0\"", "\"capMultiple\": \"2\""));

    Determination determination = BondPayments.determine(twiceCapped, 0, roadMonths());

    // March: 3.1M − 3.36M (under the cap of 2 × 2.8M) < 0: nothing is paid.
    assertThat(determination.payments())
        .extracting(BondPayment::date)
        .doesNotContain(LocalDate.of(2027, 3, 31));
    assertThat(determination.outcomes())
        .filteredOn(o -> o.startsWith("no payment: availability 2027-03"))
        .singleElement()
        .asString()
        .endsWith("→ issuer pays investors USD 0.00 (floored at zero)");
  }

  @Test
  void aNegativeDeductionCountIsRefusedNamingTheObservation() {
    List<Observation> observed = new ArrayList<>(roadMonths());
    observed.set(1, observation("pothole-days", "2027-01-01", "-1"));

    assertThatThrownBy(() -> BondPayments.schedule(CENTRAL_70, observed))
        .isInstanceOf(InvalidObservationException.class)
        .hasMessage(
            "observations[1]: a deduction count of pothole-days must not be negative, was -1");
  }

  // Non-revenue water per-unit payment --------------------------------------------------------

  @Test
  void nrwPaysPerCubicMetreBelowTheBaselineAndNothingAboveIt() {
    List<Observation> observed =
        List.of(
            observation("nrw-volume", "2026-01-01", "40000"),
            observation("nrw-volume", "2026-02-01", "43000"),
            observation("nrw-volume", "2026-03-01", "42000"));

    Determination determination = BondPayments.determine(NRW, 0, observed);

    // (42,000 − 40,000) × 0.45 = 900.00, due on 2026-01-31, a Saturday: Monday 2 February.
    assertThat(determination.payments())
        .extracting(BondPayment::date, BondPayment::kind, BondPayment::amount)
        .containsExactly(
            tuple(LocalDate.of(2026, 2, 2), PaymentKind.PER_UNIT, Money.of("USD", "900")));
    assertThat(determination.outcomes())
        .hasSize(3)
        .element(1)
        .asString()
        .startsWith("no payment: per unit 2026-02: nrw-volume 43000 against baseline 42000")
        .endsWith("(no improvement)");
    assertThat(determination.pending()).hasSize(9);
  }

  @Test
  void aZeroCouponBondPaysOnlyItsPrincipal() {
    assertThat(BondPayments.schedule(NRW, List.of()).payments())
        .extracting(BondPayment::date, BondPayment::kind, BondPayment::amount)
        .containsExactly(
            tuple(LocalDate.of(2030, 12, 16), PaymentKind.PRINCIPAL, Money.of("USD", "2000000")));
  }

  // Observations -----------------------------------------------------------------------------

  @Test
  void aKpiObservedTwiceOnOneDateIsRefused() {
    List<Observation> twice =
        List.of(
            observation("runoff-reduction", "2021-04-01", "0.45"),
            observation("runoff-reduction", "2021-04-01", "0.10"));

    assertThatThrownBy(() -> BondPayments.schedule(DC_WATER, twice))
        .isInstanceOf(InvalidObservationException.class)
        .hasMessageStartingWith(
            "observations[1]: a second value for runoff-reduction at 2021-04-01 (the first is"
                + " observations[0])");
  }

  @Test
  void aFeatureTheTermsDoNotHaveCannotBeDetermined() {
    assertThatThrownBy(() -> BondPayments.determine(ENEL, 1, List.of()))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void paymentsAreInDateThenKindOrder() {
    List<BondPayment> payments =
        BondPayments.schedule(ENEL, List.of(observation("renewable-share", "2021-12-31", "0.5")))
            .payments();

    for (int i = 1; i < payments.size(); i++) {
      BondPayment before = payments.get(i - 1);
      BondPayment after = payments.get(i);
      assertThat(
              before.date().isBefore(after.date())
                  || (before.date().equals(after.date())
                      && before.kind().compareTo(after.kind()) <= 0))
          .as("%s before %s", before, after)
          .isTrue();
    }
  }

  private static List<BondPayment> outcomes(
      BondTerms terms, String kpi, String date, String value) {
    return BondPayments.schedule(terms, List.of(observation(kpi, date, value))).payments().stream()
        .filter(p -> p.kind() == PaymentKind.OUTCOME)
        .toList();
  }

  static Observation observation(String kpi, String date, String value) {
    return new Observation(kpi, LocalDate.parse(date), new BigDecimal(value));
  }
}
