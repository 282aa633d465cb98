package io.twinledger.finance.bond.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinledger.finance.daycount.DayCount;
import io.twinledger.finance.schedule.BusinessDayConvention;
import io.twinledger.finance.schedule.Frequency;
import io.twinledger.finance.schedule.HolidayCalendar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BondTermsDocumentsTest {

  /** The issue's example, all four feature types. */
  static final String ISSUE_EXAMPLE =
      """
      {"id": "riverton-eib", "currency": "USD", "face": "25000000", "issueDate": "2016-09-29",
       "maturity": "2046-09-29",
       "coupon": {"rate": "0.03432", "frequency": 2, "dayCount": "30/360 US"},
       "features": [
        {"type": "outcome-tiers", "kpi": "runoff-reduction", "observationDate": "2021-04-01",
         "paymentDate": "2021-04-01",
         "tiers": [{"lower": "0.413", "lowerInclusive": false, "amount": "3300000", "payer": "ISSUER"},
                   {"upper": "0.186", "upperInclusive": false, "amount": "3300000", "payer": "INVESTORS"}]},
        {"type": "coupon-step-up", "kpi": "renewable-share", "target": "0.55", "better": "HIGHER",
         "observationDate": "2021-12-31", "confirmationDate": "2022-04-15", "stepBp": 25},
        {"type": "availability-payment", "yearlyMaximum": "36500000", "contractYearStart": "2025-01-01",
         "firstMonth": "2025-01", "lastMonth": "2025-12", "lagMonths": 1, "capMultiple": "1.0",
         "deductions": [{"kpi": "km-out-of-standard", "percentPerUnit": "0.10"},
                        {"kpi": "pothole-days", "amountPerUnit": "500"}]},
        {"type": "per-unit-payment", "kpi": "nrw-volume", "baseline": "42000", "better": "LOWER",
         "amountPerUnit": "0.45", "firstMonth": "2026-01", "lastMonth": "2026-12"}]}""";

  @Test
  void theIssuesExampleReadsWithItsDefaults() {
    BondTerms terms = BondTermsDocuments.parseJson(ISSUE_EXAMPLE);

    assertThat(terms.id()).isEqualTo("riverton-eib");
    assertThat(terms.currency().getCurrencyCode()).isEqualTo("USD");
    assertThat(terms.face()).isEqualTo(new BigDecimal("25000000"));
    assertThat(terms.denomination()).isEqualTo(terms.face());
    assertThat(terms.coupon())
        .contains(
            new CouponTerms(
                new BigDecimal("0.03432"),
                Frequency.SEMI_ANNUAL,
                DayCount.THIRTY_360_US,
                BusinessDayConvention.FOLLOWING,
                HolidayCalendar.weekendsOnly()));
    assertThat(terms.redemptionPercent()).isEqualByComparingTo("100");
    assertThat(terms.recordDate()).isEqualTo(new RecordDateRule(1));
    assertThat(terms.rounding()).isEqualTo(RoundingMode.HALF_UP);
    assertThat(terms.allocation()).isEqualTo(AllocationRule.PRO_RATA_LARGEST_REMAINDER);
    assertThat(terms.features())
        .extracting(PerformanceFeature::type)
        .containsExactly(
            "outcome-tiers", "coupon-step-up", "availability-payment", "per-unit-payment");
    OutcomeTiers tiers = (OutcomeTiers) terms.features().get(0);
    assertThat(tiers.tiers().get(0))
        .isEqualTo(
            new Tier(
                Optional.of(new BigDecimal("0.413")),
                false,
                Optional.empty(),
                false,
                new BigDecimal("3300000"),
                Party.ISSUER));
    AvailabilityPayment availability = (AvailabilityPayment) terms.features().get(2);
    assertThat(availability.firstMonth()).isEqualTo(YearMonth.of(2025, 1));
    assertThat(availability.deductions())
        .containsExactly(
            new Deduction.PercentPerUnit("km-out-of-standard", new BigDecimal("0.1")),
            new Deduction.AmountPerUnit("pothole-days", new BigDecimal("500")));
    assertThat(availability.kpis()).containsExactly("km-out-of-standard", "pothole-days");
  }

  @Test
  void aYamlBondFileReadsToTheSameTermsAsItsJson() {
    BondTerms yaml = ReferenceDeals.terms("atlanta.yaml");
    BondTerms json = BondTermsDocuments.parseJson(BondTermsDocuments.canonicalJson(yaml));

    assertThat(json).isEqualTo(yaml);
    assertThat(yaml.issueDate()).isEqualTo(LocalDate.of(2019, 4, 1));
    assertThat(((OutcomeTiers) yaml.features().getFirst()).tiers()).hasSize(2);
  }

  @Test
  void everyReferenceDealRoundTripsThroughItsCanonicalJson() {
    for (String deal :
        List.of(
            "dc-water.json", "atlanta.yaml", "enel.json", "central-70.json", "nrw-contract.json")) {
      BondTerms terms = ReferenceDeals.terms(deal);
      assertThat(BondTermsDocuments.parseJson(BondTermsDocuments.canonicalJson(terms)))
          .as(deal)
          .isEqualTo(terms);
    }
  }

  @Test
  void theHashNamesTheTermsNotTheirSpelling() {
    BondTerms terms = BondTermsDocuments.parseJson(ISSUE_EXAMPLE);
    // Numbers instead of strings, trailing zeros, defaults written out, other key order.
    BondTerms respelt =
        BondTermsDocuments.parseJson(
            ISSUE_EXAMPLE
                .replace("\"face\": \"25000000\"", "\"face\": 25000000.00")
                .replace("\"capMultiple\": \"1.0\"", "\"capMultiple\": 1")
                .replace(
                    "{\"id\": \"riverton-eib\",",
                    "{\"rounding\": \"HALF_UP\", \"recordDate\": {\"businessDaysBefore\": 1},"
                        + " \"id\": \"riverton-eib\","));
    BondTerms changed = BondTermsDocuments.parseJson(ISSUE_EXAMPLE.replace("0.413", "0.414"));

    assertThat(BondTermsDocuments.termsHash(respelt))
        .isEqualTo(BondTermsDocuments.termsHash(terms))
        .hasSize(64)
        .matches("[0-9a-f]{64}");
    assertThat(BondTermsDocuments.termsHash(changed))
        .isNotEqualTo(BondTermsDocuments.termsHash(terms));
    assertThat(BondTermsDocuments.canonicalJson(terms))
        .startsWith(
            "{\"id\":\"riverton-eib\",\"currency\":\"USD\",\"face\":\"25000000\","
                + "\"denomination\":\"25000000\",\"issueDate\":\"2016-09-29\"")
        .contains("\"capMultiple\":\"1\"", "\"percentPerUnit\":\"0.1\"", "\"stepBp\":25");
  }

  @Test
  void theCanonicalFormIsPinnedBecauseTheBooksAndTheChainNameTermsByItsHash() {
    // A change here re-names every recorded terms version: it needs a migration, not a new value.
    BondTerms dcWater = ReferenceDeals.terms("dc-water.json");

    assertThat(BondTermsDocuments.termsHash(dcWater))
        .isEqualTo("541fefc75d7c2b7f891f3ba7a031798e2afa0105c9470c9205c10a2194b2356e");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          unknown day count       | "dayCount": "30/360 US"           | "dayCount": "30/365"               | coupon.dayCount                 | 30/365
          frequency 3             | "frequency": 2                    | "frequency": 3                     | coupon.frequency                | must be 1, 2, 4 or 12
          negative tier amount    | "amount": "3300000", "payer": "ISSUER" | "amount": "-1", "payer": "ISSUER" | features[0].tiers[0].amount | must not be negative
          lower above upper       | "upper": "0.186", "upperInclusive": false | "lower": "0.2", "lowerInclusive": true, "upper": "0.186", "upperInclusive": false | features[0].tiers[1].lower | must be less than upper 0.186
          overlapping tiers       | "upper": "0.186", "upperInclusive": false | "upper": "0.5", "upperInclusive": false | features[0].tiers[1] | overlaps tiers[0]
          inclusivity missing     | "lower": "0.413", "lowerInclusive": false, | "lower": "0.413", | features[0].tiers[0].lowerInclusive | is required with lower
          step-up without confirmation | "confirmationDate": "2022-04-15", | "" : null, | features[1].confirmationDate | is required
          confirmation not after observation | "confirmationDate": "2022-04-15" | "confirmationDate": "2021-12-31" | features[1].confirmationDate | must be after observationDate 2021-12-31
          better unknown          | "better": "HIGHER"                | "better": "MORE"                   | features[1].better              | 'MORE' is not one of HIGHER, LOWER
          months reversed         | "lastMonth": "2025-12"            | "lastMonth": "2024-12"             | features[2].lastMonth           | must not be before firstMonth 2025-01
          negative cap            | "capMultiple": "1.0"              | "capMultiple": "-1"                | features[2].capMultiple         | must not be negative
          both deduction kinds    | "percentPerUnit": "0.10"          | "percentPerUnit": "0.10", "amountPerUnit": "5" | features[2].deductions[0] | exactly one of percentPerUnit and amountPerUnit
          negative per-unit amount | "amountPerUnit": "0.45"          | "amountPerUnit": "-0.45"           | features[3].amountPerUnit       | must not be negative
          payer unknown           | "payer": "INVESTORS"              | "payer": "TRUSTEE"                 | features[0].tiers[1].payer      | 'TRUSTEE' is not one of ISSUER, INVESTORS
          maturity before issue   | "maturity": "2046-09-29"          | "maturity": "2015-01-01"           | maturity                        | must be after issueDate 2016-09-29
          date not ISO            | "issueDate": "2016-09-29"         | "issueDate": "29/09/2016"          | issueDate                       | must be an ISO date
          face zero               | "face": "25000000"                | "face": "0"                        | face                            | must be positive
          unknown feature type    | "type": "per-unit-payment"        | "type": "per-unit-bonus"           | features[3].type                | 'per-unit-bonus' is not a feature type
          misspelt field          | "stepBp": 25                      | "stepBP": 25                       | features[1].stepBP              | is not a known field
          binary float decimal    | "baseline": "42000"               | "baseline": "4.2e4x"               | features[3].baseline            | must be a decimal number or string
          """)
  void aBrokenRuleIsRefusedNamingTheFieldPath(
      String name, String from, String to, String path, String reason) {
    String document = ISSUE_EXAMPLE.replace(from, to);
    assertThat(document).as("the test replaces something").isNotEqualTo(ISSUE_EXAMPLE);

    InvalidBondTermsException e =
        catchThrowableOfType(
            InvalidBondTermsException.class, () -> BondTermsDocuments.parseJson(document));

    assertThat(e).as(name).isNotNull();
    assertThat(e.errors())
        .as(name)
        .anySatisfy(
            error -> {
              assertThat(error.path()).isEqualTo(path);
              assertThat(error.message()).contains(reason);
            });
  }

  @Test
  void everyProblemIsListedAtOnce() {
    String document =
        ISSUE_EXAMPLE
            .replace("\"dayCount\": \"30/360 US\"", "\"dayCount\": \"30/365\"")
            .replace("\"capMultiple\": \"1.0\"", "\"capMultiple\": \"-1\"")
            .replace("\"amountPerUnit\": \"0.45\"", "\"amountPerUnit\": \"-0.45\"");

    InvalidBondTermsException e =
        catchThrowableOfType(
            InvalidBondTermsException.class, () -> BondTermsDocuments.parseJson(document));

    assertThat(e.errors())
        .extracting(TermsError::path)
        .containsExactly("coupon.dayCount", "features[2].capMultiple", "features[3].amountPerUnit");
  }

  @Test
  void tiersMeetingAtABoundThatOnlyOneIncludesDoNotOverlap() {
    Tier atLeast = tier("0.186", true, null, false);
    Tier below = tier(null, false, "0.186", false);
    Tier atMost = tier(null, false, "0.186", true);
    Tier above = tier("0.186", false, null, false);

    assertThat(atLeast.overlaps(below)).isFalse();
    assertThat(below.overlaps(atLeast)).isFalse();
    assertThat(atMost.overlaps(above)).isFalse();
    assertThat(atLeast.overlaps(atMost)).isTrue();
    assertThat(atMost.overlaps(atLeast)).isTrue();
    assertThat(above.overlaps(below)).isFalse();
    assertThat(tier("0.1", true, "0.2", false).overlaps(tier("0.15", true, "0.3", true))).isTrue();
    assertThat(tier("0.1", true, "0.2", false).overlaps(tier("0.2", true, "0.3", true))).isFalse();
  }

  @Test
  void aStepUpNeedsACouponAndAZeroCouponBondHasNone() {
    String zeroCoupon =
        ISSUE_EXAMPLE.replace(
            "\"coupon\": {\"rate\": \"0.03432\", \"frequency\": 2, \"dayCount\": \"30/360 US\"},",
            "");

    InvalidBondTermsException e =
        catchThrowableOfType(
            InvalidBondTermsException.class, () -> BondTermsDocuments.parseJson(zeroCoupon));

    assertThat(e.errors())
        .containsExactly(
            new TermsError("features[1]", "a coupon step-up needs a coupon; the bond has none"));
  }

  @Test
  void aDenominationMustDivideTheFaceIntoWholeUnits() {
    InvalidBondTermsException e =
        catchThrowableOfType(
            InvalidBondTermsException.class,
            () ->
                BondTermsDocuments.parseJson(
                    ISSUE_EXAMPLE.replace(
                        "\"face\": \"25000000\",",
                        "\"face\": \"25000000\", \"denomination\": 3,")));

    assertThat(e.errors()).extracting(TermsError::path).containsExactly("denomination");
    assertThat(ReferenceDeals.terms("dc-water.json").units()).isEqualByComparingTo("5000");
  }

  @Test
  void duplicateKeysAndHugeNumbersAreRefused() {
    InvalidBondTermsException duplicate =
        catchThrowableOfType(
            InvalidBondTermsException.class,
            () -> BondTermsDocuments.parseJson("{\"id\": \"a\", \"id\": \"b\"}"));
    InvalidBondTermsException huge =
        catchThrowableOfType(
            InvalidBondTermsException.class,
            () ->
                BondTermsDocuments.parseJson(
                    ISSUE_EXAMPLE.replace("\"face\": \"25000000\"", "\"face\": 1e999999999")));

    assertThat(duplicate.errors().getFirst().message())
        .contains("Duplicate Object property \"id\"");
    assertThat(huge.errors())
        .extracting(TermsError::path, TermsError::message)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "face", "must have at most 20 digits before the decimal point and 34 after it"));
  }

  private static Tier tier(String lower, boolean lowerIn, String upper, boolean upperIn) {
    return new Tier(
        Optional.ofNullable(lower).map(BigDecimal::new),
        lowerIn,
        Optional.ofNullable(upper).map(BigDecimal::new),
        upperIn,
        BigDecimal.ONE,
        Party.ISSUER);
  }
}
