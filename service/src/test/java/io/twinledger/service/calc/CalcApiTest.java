package io.twinledger.service.calc;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calculators over real HTTP with the Excel documentation's examples. Expected values were
 * computed independently with mpmath at 40 digits (formulas in the comments) and rounded half-even
 * to the 10 decimal places the API answers with.
 */
@OnEmbeddedDb
class CalcApiTest {

  static final String OFFICER = "officer";

  /** Microsoft's XNPV and XIRR example. Days from 2008-01-01: 0, 60, 303, 411, 456. */
  static final String EXCEL_FLOWS =
      """
      [{"date":"2008-01-01","amount":-10000},{"date":"2008-03-01","amount":2750},
       {"date":"2008-10-30","amount":4250},{"date":"2009-02-15","amount":3250},
       {"date":"2009-04-01","amount":2750}]""";

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port, json);
  }

  @Test
  void xnpvOfExcelsExample() {
    // -10000 + 2750/1.09^(60/365) + 4250/1.09^(303/365) + 3250/1.09^(411/365)
    //   + 2750/1.09^(456/365) = 2086.64760203153662…; Excel shows 2086.65
    JsonNode answer = ok("/api/v1/calc/xnpv", "{\"rate\":0.09,\"flows\":" + EXCEL_FLOWS + "}");

    assertThat(answer.get("value").decimalValue()).isEqualTo(new BigDecimal("2086.6476020315"));
  }

  @Test
  void xirrOfExcelsExample() {
    // The rate r with -10000 + 2750/(1+r)^(60/365) + … + 2750/(1+r)^(456/365) = 0 is
    // 0.37336253351883…; Excel shows 37.34 %
    JsonNode answer = ok("/api/v1/calc/xirr", "{\"flows\":" + EXCEL_FLOWS + "}");

    assertThat(answer.get("rate").decimalValue()).isEqualTo(new BigDecimal("0.3733625335"));
  }

  @Test
  void yearFractionActActIsdaAndIcma() {
    // ISDA: 2003-11-01 to 2004-05-01 has 61 days in 2003 and 121 in 2004 (leap):
    // 61/365 + 121/366 = 0.49772438056740774…
    JsonNode isda =
        ok(
            "/api/v1/calc/year-fraction",
            """
            {"start":"2003-11-01","end":"2004-05-01","convention":"ACT/ACT ISDA"}""");
    // ICMA: the same dates as one regular semi-annual period: 182 / (2 × 182) = 0.5
    JsonNode icma =
        ok(
            "/api/v1/calc/year-fraction",
            """
            {"start":"2003-11-01","end":"2004-05-01","convention":"ACT/ACT ICMA",
             "refStart":"2003-11-01","refEnd":"2004-05-01","frequency":2}""");

    assertThat(isda.get("fraction").decimalValue()).isEqualTo(new BigDecimal("0.4977243806"));
    assertThat(icma.get("fraction").decimalValue()).isEqualTo(new BigDecimal("0.5000000000"));
  }

  @Test
  void bondPriceOfExcelsExampleWithTheDefaults() {
    // Settlement 2008-02-15 lies in the period 2007-11-15 to 2008-05-15; 30/360: A = 90, E = 180,
    // DSC = 90, N = 20 coupons of 2.875, g = 1.0325.
    // dirty = 100/g^(19.5) + Σ_{k=1..20} 2.875/g^(k-0.5) = 96.07186162132209…
    // accrued = 2.875 × 90/180 = 1.4375; clean = 94.63436162132209… (Excel PRICE 94.63436162)
    JsonNode quote =
        ok(
            "/api/v1/calc/bond-price",
            """
            {"settlement":"2008-02-15","maturity":"2017-11-15","couponRate":0.0575,
             "yield":0.065}""");

    assertThat(quote.get("cleanPrice").decimalValue()).isEqualTo(new BigDecimal("94.6343616213"));
    assertThat(quote.get("accruedInterest").decimalValue())
        .isEqualTo(new BigDecimal("1.4375000000"));
    assertThat(quote.get("dirtyPrice").decimalValue()).isEqualTo(new BigDecimal("96.0718616213"));
  }

  @Test
  void bondYieldOfExcelsExample() {
    // Maturity 2016-11-15: N = 18, otherwise as the PRICE example. The yield y at which that
    // clean price formula gives 95.04287 is 0.06500000688075…; Excel shows 6.50 %
    JsonNode answer =
        ok(
            "/api/v1/calc/bond-yield",
            """
            {"settlement":"2008-02-15","maturity":"2016-11-15","couponRate":0.0575,
             "cleanPrice":95.04287,"redemption":100,"frequency":2,"dayCount":"30/360 US"}""");

    assertThat(answer.get("yield").decimalValue()).isEqualTo(new BigDecimal("0.0650000069"));
  }

  @Test
  void yearFractionActActIcmaSplitsALongFirstCoupon() {
    // ISDA's 1999 memo: 2002-08-15 to 2003-07-15, semi-annual, reference period 2003-01-15 to
    // 2003-07-15: 153 / (2 × 184) for the part in the notional period 2002-07-15 – 2003-01-15,
    // plus 181 / (2 × 181) = 337/368 = 0.91576086956521…
    JsonNode icma =
        ok(
            "/api/v1/calc/year-fraction",
            """
            {"start":"2002-08-15","end":"2003-07-15","convention":"ACT/ACT ICMA",
             "refStart":"2003-01-15","refEnd":"2003-07-15","frequency":2}""");

    assertThat(icma.get("fraction").decimalValue()).isEqualTo(new BigDecimal("0.9157608696"));
  }

  @Test
  void bondPriceWithAnOddFirstCouponIsExcelsOddfprice() {
    // Excel's ODDFPRICE example: settlement 2008-11-11, maturity 2021-03-01, issue 2008-10-15,
    // first coupon 2009-03-01, 7.85 %, yield 6.25 %, semi-annual, basis 1 → 113.597717474079.
    // E = 181, A = 27, DSC = 110, DFC = 137, N = 25, c = 3.925, g = 1.03125:
    // clean = 100/g^(24+110/181) + c×137/181/g^(110/181) + Σ_{k=2..25} c/g^(k-1+110/181)
    //   - c×27/181 = 113.5977174740788375…; accrued = c×27/181 = 0.5854972375690607…
    JsonNode quote =
        ok(
            "/api/v1/calc/bond-price",
            """
            {"settlement":"2008-11-11","maturity":"2021-03-01","couponRate":0.0785,"yield":0.0625,
             "dayCount":"ACT/ACT ICMA","issue":"2008-10-15","firstCoupon":"2009-03-01"}""");

    assertThat(quote.get("cleanPrice").decimalValue()).isEqualTo(new BigDecimal("113.5977174741"));
    assertThat(quote.get("accruedInterest").decimalValue())
        .isEqualTo(new BigDecimal("0.5854972376"));
    assertThat(quote.get("dirtyPrice").decimalValue()).isEqualTo(new BigDecimal("114.1832147116"));
  }

  @Test
  void bondPriceWithAnOddLastCouponIsExcelsOddlprice() {
    // Excel's ODDLPRICE example: settlement 2008-02-07, maturity 2008-06-15, last interest
    // 2007-10-15, 3.75 %, yield 4.05 %, semi-annual, basis 0 → 99.8782860147213. 30/360
    // quasi-coupon periods of 180 days from 2007-10-15: DC = 240, A = 112, DSC = 128, c = 1.875:
    // (100 + 240/180 c) / (1 + 128/180 × 0.02025) - 112/180 c = 99.8782860147213459…
    JsonNode quote =
        ok(
            "/api/v1/calc/bond-price",
            """
            {"settlement":"2008-02-07","maturity":"2008-06-15","couponRate":0.0375,"yield":0.0405,
             "lastCoupon":"2007-10-15"}""");

    assertThat(quote.get("cleanPrice").decimalValue()).isEqualTo(new BigDecimal("99.8782860147"));
    assertThat(quote.get("accruedInterest").decimalValue())
        .isEqualTo(new BigDecimal("1.1666666667"));
  }

  @Test
  void bondYieldWithOddFirstAndLastCouponsIsExcelsOddfyieldAndOddlyield() {
    // ODDFYIELD(2008-11-11, 2021-03-01, 2008-10-15, 2009-03-01, 5.75 %, 84.50, 100, 2, 0)
    // = 0.0772455 in Excel; the ODDFPRICE formula gives 84.50 at 0.07724554159781738…
    JsonNode first =
        ok(
            "/api/v1/calc/bond-yield",
            """
            {"settlement":"2008-11-11","maturity":"2021-03-01","couponRate":0.0575,
             "cleanPrice":84.50,"issue":"2008-10-15","firstCoupon":"2009-03-01"}""");
    // ODDLYIELD(2008-04-20, 2008-06-15, 2007-12-24, 3.75 %, 99.875, 100, 2, 0) = 0.0451922:
    // ((100 + c×171/180) / (99.875 + c×116/180) - 1) × 2 × 180/55 = 0.04519223562916885…
    JsonNode last =
        ok(
            "/api/v1/calc/bond-yield",
            """
            {"settlement":"2008-04-20","maturity":"2008-06-15","couponRate":0.0375,
             "cleanPrice":99.875,"lastCoupon":"2007-12-24"}""");

    assertThat(first.get("yield").decimalValue()).isEqualTo(new BigDecimal("0.0772455416"));
    assertThat(last.get("yield").decimalValue()).isEqualTo(new BigDecimal("0.0451922356"));
  }

  @Test
  void noTimeLeftToTheLastPaymentIsNoRateOrAnUndeterminedRate() {
    // 30/360 US, 5 %, quarterly, maturity 2031-01-31, settlement 2031-01-30: A = 90 = E, so
    // DSC = 0 and the clean price is (100 + 1.25) / (1 + 0 × y/4) - 1.25 = 100 at every yield
    String bond =
        """
        {"settlement":"2031-01-30","maturity":"2031-01-31","couponRate":0.05,"frequency":4,
         "cleanPrice":%s}""";

    Api.Response below = api.post("/api/v1/calc/bond-yield", OFFICER, bond.formatted("99.5"));
    Api.Response at = api.post("/api/v1/calc/bond-yield", OFFICER, bond.formatted("100"));

    assertThat(below.status()).as(below.body()).isEqualTo(422);
    assertThat(below.contentType()).startsWith("application/problem+json");
    assertThat(below.json().get("type").asString())
        .isEqualTo("urn:problem-type:twinledger:no-rate");
    assertThat(below.json().get("reason").asString())
        .isEqualTo(
            "settlement 2031-01-30 is 0 days (30/360 US) before the last payment on 2031-01-31,"
                + " so the clean price is 100 whatever the yield: no yield gives 99.5");
    assertThat(at.status()).as(at.body()).isEqualTo(422);
    assertThat(at.contentType()).startsWith("application/problem+json");
    assertThat(at.json().get("type").asString())
        .isEqualTo("urn:problem-type:twinledger:undetermined-rate");
    assertThat(at.json().get("title").asString()).isEqualTo("Every rate solves it");
    assertThat(at.json().get("reason").asString())
        .endsWith("whatever the yield: every yield gives it, none is determined");
  }

  @Test
  void irrRootsCloserThanAnyGridAreBothListed() {
    // 3284.35 - 7069.27x + 3803.99x² = 0 with x = 1/(1+r): r = 0.07524121959… and 0.07716945527…
    Api.Response response =
        api.post("/api/v1/calc/irr", OFFICER, "{\"amounts\":[3284.35,-7069.27,3803.99]}");

    assertThat(response.status()).as(response.body()).isEqualTo(422);
    assertThat(response.json().get("type").asString())
        .isEqualTo("urn:problem-type:twinledger:multiple-rates");
    assertThat(response.json().get("roots").valueStream().map(JsonNode::decimalValue))
        .containsExactly(new BigDecimal("0.0752412196"), new BigDecimal("0.0771694553"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ",\"guess\":0.1", ",\"guess\":5"})
  void irrIsTheOnlyRootWhateverTheGuess(String guess) {
    // -100 + 60/(1+r) + 60/(1+r)^2 = 0 → with x = 1/(1+r): 60x² + 60x - 100 = 0,
    // x = (-60 + √(3600 + 24000)) / 120 = 0.88443731048…, r = 1/x - 1 = 0.13066238629…
    JsonNode answer = ok("/api/v1/calc/irr", "{\"amounts\":[-100,60,60]" + guess + "}");

    assertThat(answer.get("rate").decimalValue()).isEqualTo(new BigDecimal("0.1306623863"));
  }

  @Test
  void irrWithTwoSignChangesListsBothRoots() {
    // -100 + 230/(1+r) - 132/(1+r)^2 = 0 → -132x² + 230x - 100 = 0, x = (230 ± 10) / 264:
    // x = 10/11 (r = 10 %) or 5/6 (r = 20 %)
    Api.Response response =
        api.post("/api/v1/calc/irr", OFFICER, "{\"amounts\":[-100,230,-132],\"guess\":0.1}");

    assertThat(response.status()).as(response.body()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString())
        .isEqualTo("urn:problem-type:twinledger:multiple-rates");
    assertThat(problem.get("roots").valueStream().map(JsonNode::decimalValue))
        .containsExactly(new BigDecimal("0.1000000000"), new BigDecimal("0.2000000000"));
    assertThat(problem.get("reason").asString()).contains("change sign 2 times");
    assertThat(problem.get("detail").asString()).contains("0.1000000000", "0.2000000000");
  }

  @Test
  void allPositiveFlowsHaveNoRate() {
    Api.Response response = api.post("/api/v1/calc/irr", OFFICER, "{\"amounts\":[100,50,20]}");

    assertThat(response.status()).as(response.body()).isEqualTo(422);
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString()).isEqualTo("urn:problem-type:twinledger:no-rate");
    assertThat(problem.get("reason").asString()).contains("all non-negative");
    assertThat(problem.has("roots")).isFalse();
  }

  @Test
  void aPriceNoYieldReachesHasNoRate() {
    // At the lowest yield searched, -99 %, the clean price is about 4.5e7 (100 / 0.505^19 plus
    // coupons): a billion is out of reach.
    Api.Response response =
        api.post(
            "/api/v1/calc/bond-yield",
            OFFICER,
            """
            {"settlement":"2008-02-15","maturity":"2017-11-15","couponRate":0.0575,
             "cleanPrice":1000000000}""");

    assertThat(response.status()).as(response.body()).isEqualTo(422);
    assertThat(response.json().get("type").asString())
        .isEqualTo("urn:problem-type:twinledger:no-rate");
  }

  static Stream<Arguments> badRequests() {
    String bond = "\"maturity\":\"2017-11-15\",\"couponRate\":0.0575,\"yield\":0.065";
    return Stream.of(
        Arguments.of(
            "xnpv",
            """
            {"rate":0.09,"flows":[{"date":"2008-01-01","amount":-1},
             {"date":"2008-02-01","amount":1},{"date":"2008-13-01","amount":1}]}""",
            "flows[2].date",
            "ISO-8601 date"),
        Arguments.of(
            "xnpv",
            """
            {"rate":0.09,"flows":[{"date":"2008-01-01","amount":-1},
             {"date":"2008-02-01","amount":1},{"date":"2007-12-31","amount":1}]}""",
            "flows[2].date",
            "before the first flow's date 2008-01-01"),
        Arguments.of(
            "xnpv",
            "{\"rate\":0.09,\"flows\":[{\"date\":\"2008-01-01\",\"amount\":\"ten\"}]}",
            "flows[0].amount",
            "decimal number"),
        Arguments.of(
            "xnpv",
            "{\"rate\":-1,\"flows\":[{\"date\":\"2008-01-01\",\"amount\":1}]}",
            "rate",
            "above -1"),
        Arguments.of(
            "xnpv",
            "{\"rate\":1e-999999999,\"flows\":[{\"date\":\"2008-01-01\",\"amount\":1}]}",
            "rate",
            "at most 20 digits"),
        Arguments.of("xnpv", "{\"flows\":[]}", "rate", "is required"),
        Arguments.of(
            "xirr",
            "{\"flows\":[{\"date\":\"2008-01-01\",\"amount\":-1}]}",
            "flows",
            "at least 2 entries, was 1"),
        Arguments.of(
            "xirr",
            "{\"flows\":[{\"date\":\"2008-01-01\",\"amount\":-1},null]}",
            "flows[1]",
            "is required"),
        Arguments.of("irr", "{\"guess\":0.1}", "amounts", "is required"),
        Arguments.of("irr", "{\"amounts\":[-1,\"x\"]}", "amounts[1]", "decimal number"),
        Arguments.of(
            "year-fraction",
            "{\"start\":\"2003-11-01\",\"end\":\"2004-05-01\",\"convention\":\"ACT/ACT\"}",
            "convention",
            "'ACT/ACT ISDA', 'ACT/ACT ICMA'"),
        Arguments.of(
            "year-fraction",
            """
            {"start":"2003-11-01","end":"2004-05-01","convention":"ACT/ACT ICMA",
             "refEnd":"2004-05-01","frequency":2}""",
            "refStart",
            "required by ACT/ACT ICMA"),
        Arguments.of(
            "year-fraction",
            """
            {"start":"2003-11-01","end":"2004-05-02","convention":"ACT/ACT ICMA",
             "refStart":"2003-11-01","refEnd":"2004-02-01","frequency":2}""",
            "refEnd",
            "must be one regular period of 6 months after refStart 2003-11-01"),
        Arguments.of(
            "year-fraction",
            """
            {"start":"2003-11-01","end":"2004-05-01","convention":"ACT/ACT ISDA",
             "refStart":"2003-11-01"}""",
            "refStart",
            "applies only to ACT/ACT ICMA"),
        Arguments.of(
            "bond-price",
            "{\"settlement\":\"2017-11-15\"," + bond + "}",
            "settlement",
            "must be before maturity 2017-11-15"),
        Arguments.of(
            "bond-price",
            "{\"settlement\":\"2008-02-15\"," + bond + ",\"frequency\":3}",
            "frequency",
            "must be one of [1, 2, 4]"),
        Arguments.of(
            "bond-price",
            "{\"settlement\":\"2008-02-15\"," + bond + ",\"frequency\":2.5}",
            "frequency",
            "was 2.5"),
        Arguments.of(
            "bond-price",
            "{\"settlement\":\"2008-02-15\"," + bond + ",\"dayCount\":\"30/360\"}",
            "dayCount",
            "valid names are '30/360 US'"),
        Arguments.of(
            "bond-price",
            "{\"settlement\":\"2008-02-15\",\"maturity\":\"2017-11-15\",\"couponRate\":0.0575}",
            "yield",
            "is required"),
        Arguments.of(
            "bond-yield",
            """
            {"settlement":"2008-02-15","maturity":"2016-11-15","couponRate":0.0575,
             "cleanPrice":0}""",
            "cleanPrice",
            "must be positive"),
        Arguments.of(
            "bond-price",
            "{\"settlement\":\"2008-11-11\"," + bond + ",\"firstCoupon\":\"2008-11-15\"}",
            "issue",
            "is required with firstCoupon 2008-11-15"),
        Arguments.of(
            "bond-price",
            "{\"settlement\":\"2008-11-11\","
                + bond
                + ",\"issue\":\"2008-10-15\",\"firstCoupon\":\"2009-03-01\"}",
            "firstCoupon",
            "not a regular coupon date counted back from maturity 2017-11-15 every 6 months"),
        Arguments.of(
            "bond-price",
            "{\"settlement\":\"2008-10-01\"," + bond + ",\"issue\":\"2008-10-15\"}",
            "settlement",
            "must not be before issue 2008-10-15, was 2008-10-01"),
        Arguments.of(
            "bond-yield",
            """
            {"settlement":"2008-02-15","maturity":"2016-11-15","couponRate":0.0575,
             "cleanPrice":95,"lastCoupon":"2016-11-15"}""",
            "lastCoupon",
            "must be before maturity 2016-11-15, was 2016-11-15"),
        Arguments.of(
            "bond-yield",
            """
            {"settlement":"2008-02-15","maturity":"2016-11-15","couponRate":0.0575,
             "cleanPrice":95,"issue":"2008-13-01"}""",
            "issue",
            "ISO-8601 date"),
        Arguments.of("bond-yield", "{\"settlement\":", "body", "not well-formed JSON"),
        Arguments.of(
            "payout-allocation",
            "{\"amount\":\"10.005\",\"currency\":\"USD\",\"holdings\":[{\"holder\":\"a\",\"units\":1}]}",
            "amount",
            "whole number of minor units"),
        Arguments.of(
            "payout-allocation",
            "{\"amount\":\"-1.00\",\"currency\":\"USD\",\"holdings\":[{\"holder\":\"a\",\"units\":1}]}",
            "amount",
            "must not be negative"),
        Arguments.of(
            "payout-allocation",
            "{\"amount\":\"ten\",\"currency\":\"USD\",\"holdings\":[{\"holder\":\"a\",\"units\":1}]}",
            "amount",
            "decimal string"),
        Arguments.of(
            "payout-allocation",
            "{\"amount\":\"1.00\",\"currency\":\"XYZ\",\"holdings\":[{\"holder\":\"a\",\"units\":1}]}",
            "currency",
            "XYZ"),
        Arguments.of(
            "payout-allocation",
            "{\"amount\":\"1.00\",\"currency\":\"USD\",\"holdings\":[]}",
            "holdings",
            "at least 1"),
        Arguments.of(
            "payout-allocation",
            """
            {"amount":"1.00","currency":"USD",
             "holdings":[{"holder":"a","units":1},{"holder":"b","units":0}]}""",
            "holdings[1].units",
            "must be positive"),
        Arguments.of(
            "payout-allocation",
            """
            {"amount":"1.00","currency":"USD",
             "holdings":[{"holder":"a","units":1},{"holder":"b","units":2},{"holder":"a","units":3}]}""",
            "holdings[2].holder",
            "appears twice"),
        Arguments.of(
            "payout-allocation",
            """
            {"amount":"1.00","currency":"USD","holdings":[{"holder":"a","units":1.5}]}""",
            "holdings[0].units",
            ""));
  }

  @Test
  void allocationsAreWrittenWithTheCurrencysMinorUnits() {
    JsonNode answer =
        ok(
            "/api/v1/calc/payout-allocation",
            """
            {"amount":"66.60","currency":"EUR",
             "holdings":[{"holder":"x","units":1},{"holder":"y","units":1}]}""");

    assertThat(answer.get("allocations").findValuesAsString("amount"))
        .containsExactly("33.30", "33.30");
  }

  @Test
  void aPayoutIsSplitExactlyWithTheLeftOverCentToTheSmallestHolderId() {
    JsonNode answer =
        ok(
            "/api/v1/calc/payout-allocation",
            """
            {"amount":"100.00","currency":"USD",
             "holdings":[{"holder":"c","units":1},{"holder":"a","units":1},{"holder":"b","units":1}]}""");

    assertThat(answer.get("currency").asString()).isEqualTo("USD");
    assertThat(answer.get("allocations").toString())
        .isEqualTo(
            "[{\"holder\":\"c\",\"amount\":\"33.33\"},{\"holder\":\"a\",\"amount\":\"33.34\"},"
                + "{\"holder\":\"b\",\"amount\":\"33.33\"}]");
  }

  @ParameterizedTest(name = "{0} → {2}")
  @MethodSource("badRequests")
  void badInputIsRefusedNamingTheField(String endpoint, String body, String field, String reason) {
    Api.Response response = api.post("/api/v1/calc/" + endpoint, OFFICER, body);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString())
        .isEqualTo("urn:problem-type:twinledger:invalid-field");
    assertThat(problem.get("field").asString()).isEqualTo(field);
    assertThat(problem.get("detail").asString()).startsWith(field + ": ").contains(reason);
  }

  @Test
  void onlyFinanceOfficersInvestorsAndAuditorsMayCalculate() {
    String body = "{\"amounts\":[-100,110]}";

    // -100 + 110/(1+r) = 0 → r = 0.1
    assertThat(api.post("/api/v1/calc/irr", "investor", body).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/calc/irr", "auditor", body).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/calc/irr", "operator", body).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/calc/irr", "resident", body).status()).isEqualTo(403);
    assertThat(api.post("/api/v1/calc/irr", null, body).status()).isEqualTo(401);
  }

  private JsonNode ok(String path, String body) {
    Api.Response response = api.post(path, OFFICER, body);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }
}
