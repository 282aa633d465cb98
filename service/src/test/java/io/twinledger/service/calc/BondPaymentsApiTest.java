package io.twinledger.service.calc;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference deals of issue 16 pay what their terms say through {@code POST
 * /api/v1/calc/bond-payments}. The terms are finance-models' test resources ({@code
 * finance-models/src/test/resources/bonds}), one copy for both modules' tests.
 */
@OnEmbeddedDb
class BondPaymentsApiTest {

  static final String PATH = "/api/v1/calc/bond-payments";
  static final Path DEALS = Path.of("..", "finance-models", "src", "test", "resources", "bonds");

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port, json);
  }

  @Test
  void dcWaterPaysTheOutcomePaymentAboveTheUpperThresholdAndTheRiskShareBelowTheLower() {
    assertThat(outcomes(deal("dc-water.json"), "runoff-reduction", "2021-04-01", "0.45"))
        .containsExactly("2021-04-01 ISSUER→INVESTORS 3300000.00 USD");
    assertThat(outcomes(deal("dc-water.json"), "runoff-reduction", "2021-04-01", "0.10"))
        .containsExactly("2021-04-01 INVESTORS→ISSUER 3300000.00 USD");
  }

  @Test
  void dcWatersActualResultInTheMiddleTierPaysNothingAndSaysSo() {
    JsonNode answer =
        ok(
            body(
                deal("dc-water.json"),
                "{\"kpi\":\"runoff-reduction\",\"date\":\"2021-04-01\",\"value\":0.20}"));

    assertThat(kinds(answer)).doesNotContain("OUTCOME");
    assertThat(answer.get("determinations").get(0).get("outcomes").get(0).asString())
        .isEqualTo(
            "no payment: runoff-reduction 0.2 at 2021-04-01 is in no tier ((0.413, ∞), (-∞,"
                + " 0.186))");
    assertThat(answer.get("pending")).isEmpty();
  }

  @ParameterizedTest(name = "{0} with {1} {2}: {3}")
  @CsvSource({
    "0.413, lowerInclusive, false, none",
    "0.413, lowerInclusive, true, ISSUER→INVESTORS",
    "0.186, upperInclusive, false, none",
    "0.186, upperInclusive, true, INVESTORS→ISSUER"
  })
  void dcWaterAtEachBoundaryWithBothInclusivities(
      String value, String flag, boolean inclusive, String expected) {
    String terms =
        deal("dc-water.json").replace("\"" + flag + "\": false", "\"" + flag + "\": " + inclusive);

    List<String> outcome = outcomes(terms, "runoff-reduction", "2021-04-01", value);

    if (expected.equals("none")) {
      assertThat(outcome).isEmpty();
    } else {
      assertThat(outcome).containsExactly("2021-04-01 " + expected + " 3300000.00 USD");
    }
  }

  @Test
  void atlantaPaysOneMillionAfterSixYearsAtSixPointFiveTwoMillionGallons() {
    String terms =
        BondTermsDocuments.canonicalJson(BondTermsDocuments.parseYaml(text("atlanta.yaml")));

    assertThat(outcomes(terms, "stormwater-capacity-mgal", "2025-04-01", "6.52"))
        .containsExactly("2025-04-01 ISSUER→INVESTORS 1000000.00 USD");
    assertThat(outcomes(terms, "stormwater-capacity-mgal", "2025-04-01", "6.51")).isEmpty();
  }

  @Test
  void aBondFileInYamlIsReadAsTheTerms() {
    String yaml =
        "terms:\n"
            + text("atlanta.yaml")
                .lines()
                .map(line -> "  " + line + "\n")
                .reduce("", String::concat)
            + "observations:\n"
            + "  - {kpi: stormwater-capacity-mgal, date: 2025-04-01, value: 6.52}\n";

    Api.Response response = api.send("POST", PATH, "officer", yaml, "application/yaml");

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().get("id").asString()).isEqualTo("atlanta-eib-2019");
    assertThat(ofKind(response.json(), "OUTCOME")).containsExactly("2025-04-01 1000000.00");
    assertThat(
            api.send("POST", PATH, "officer", "terms: [unclosed", "application/yaml")
                .json()
                .get("field")
                .asString())
        .isEqualTo("body");
  }

  @Test
  void enelStepsItsCouponUp25BpFromTheFirstPeriodAfterConfirmationWhenTheTargetIsMissed() {
    JsonNode answer =
        ok(
            body(
                deal("enel.json"),
                "{\"kpi\":\"renewable-share\",\"date\":\"2021-12-31\",\"value\":\"0.50\"}"));

    // 1.5bn × 2.65 % / 2 and 1.5bn × 2.90 % / 2; 2022-09-10 is a Saturday.
    assertThat(coupons(answer))
        .containsExactly(
            "2020-03-10 19875000.00",
            "2020-09-10 19875000.00",
            "2021-03-10 19875000.00",
            "2021-09-10 19875000.00",
            "2022-03-10 19875000.00",
            "2022-09-12 19875000.00",
            "2023-03-10 21750000.00",
            "2023-09-11 21750000.00",
            "2024-03-11 21750000.00",
            "2024-09-10 21750000.00");
    assertThat(answer.get("payments").get(6).get("feature").asInt()).isZero();
    assertThat(answer.get("payments").get(6).get("recordDate").asString()).isEqualTo("2023-03-09");
  }

  @ParameterizedTest(name = "renewables at {0}: no step-up")
  @CsvSource({"0.55", "0.70"})
  void enelKeepsItsCouponWhenTheTargetIsMetIncludingExactly55Percent(String share) {
    JsonNode answer =
        ok(
            body(
                deal("enel.json"),
                "{\"kpi\":\"renewable-share\",\"date\":\"2021-12-31\",\"value\":" + share + "}"));

    assertThat(coupons(answer)).hasSize(10).allSatisfy(c -> assertThat(c).endsWith(" 19875000.00"));
  }

  @Test
  void aCentral70StyleAvailabilityPaymentPaysMaxPpLessLaggedCappedDeductionsFlooredAtZero() {
    String observations =
        """
        {"kpi":"km-out-of-standard","date":"2027-01-01","value":3},
        {"kpi":"pothole-days","date":"2027-01-01","value":20},
        {"kpi":"km-out-of-standard","date":"2027-02-01","value":12},
        {"kpi":"pothole-days","date":"2027-02-01","value":0},
        {"kpi":"km-out-of-standard","date":"2027-03-01","value":0},
        {"kpi":"pothole-days","date":"2027-03-01","value":0},
        {"kpi":"km-out-of-standard","date":"2028-01-01","value":0},
        {"kpi":"pothole-days","date":"2028-01-01","value":0}""";

    JsonNode answer = ok(body(deal("central-70.json"), observations));
    JsonNode floored =
        ok(
            body(
                deal("central-70.json")
                    .replace("\"capMultiple\": \"1.0\"", "\"capMultiple\": \"2\""),
                observations));

    // 31/365, 28/365 − (3 × 10 % × 3.1M + 20 × 500), 31/365 − min(12 × 10 % × 2.8M, 1.0 × 2.8M),
    // 30/365, 29/366 of 36.5M.
    assertThat(availability(answer))
        .containsExactly(
            "2027-02-01 3100000.00",
            "2027-03-01 1860000.00",
            "2027-03-31 300000.00",
            "2027-04-30 3000000.00",
            "2028-02-29 2892076.50");
    // With a cap of 2 × MaxPP, March's 3.36M deductions exceed its 3.1M maximum: nothing.
    assertThat(availability(floored)).doesNotContain("2027-03-31 300000.00").hasSize(4);
    assertThat(answer.get("pending").findValuesAsString("kind")).contains("AVAILABILITY");
  }

  @Test
  void aNonRevenueWaterContractPaysPerCubicMetreBelowItsBaseline() {
    JsonNode answer =
        ok(
            body(
                deal("nrw-contract.json"),
                "{\"kpi\":\"nrw-volume\",\"date\":\"2026-01-01\",\"value\":40000}"));

    JsonNode perUnit = answer.get("payments").get(0);
    assertThat(perUnit.get("kind").asString()).isEqualTo("PER_UNIT");
    assertThat(perUnit.get("amount").asString()).isEqualTo("900.00");
    assertThat(perUnit.get("date").asString()).isEqualTo("2026-02-02");
    assertThat(perUnit.get("rule").asString())
        .isEqualTo(
            "per unit 2026-01: nrw-volume 40000 against baseline 42000 (LOWER is better) = 2000"
                + " units × 0.45 → issuer pays investors USD 900.00");
    assertThat(answer.get("pending")).hasSize(11);
    assertThat(answer.get("termsHash").asString()).matches("[0-9a-f]{64}");
  }

  @ParameterizedTest(name = "{0} → {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          unknown day count | enel.json | "dayCount": "30/360 US" | "dayCount": "30/360 XX" | terms.coupon.dayCount | 30/360 XX
          overlapping tiers | dc-water.json | "upper": "0.186" | "upper": "0.5" | terms.features[0].tiers[1] | overlaps tiers[0]
          step-up without confirmation date | enel.json | "confirmationDate": "2022-04-15", | | terms.features[0].confirmationDate | is required
          negative amount | dc-water.json | "amount": "3300000", "payer": "ISSUER" | "amount": "-3300000", "payer": "ISSUER" | terms.features[0].tiers[0].amount | must not be negative
          """)
  void badTermsAreA400NamingTheField(
      String name, String deal, String from, String to, String field, String reason) {
    String terms = deal(deal).replace(from, to == null ? "" : to);
    assertThat(terms).isNotEqualTo(deal(deal));

    Api.Response response = api.post(PATH, "officer", body(terms, ""));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asString())
        .isEqualTo("urn:problem-type:twinledger:invalid-field");
    assertThat(problem.get("field").asString()).isEqualTo(field);
    assertThat(problem.get("detail").asString()).startsWith(field + ": ").contains(reason);
    assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
  }

  @Test
  void everyProblemOfTheTermsIsListed() {
    String terms =
        deal("central-70.json")
            .replace("\"capMultiple\": \"1.0\"", "\"capMultiple\": \"-1\"")
            .replace("\"dayCount\": \"30/360 US\"", "\"dayCount\": \"ACT/366\"");

    JsonNode problem = api.post(PATH, "officer", body(terms, "")).json();

    assertThat(problem.get("errors").findValuesAsString("field"))
        .containsExactly("terms.coupon.dayCount", "terms.features[0].capMultiple");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          {"kpi":"runoff-reduction","date":"2021-04-01","value":0.45},{"kpi":"runoff-reduction","date":"2021-04-01","value":0.1} | observations[1] | a second value for runoff-reduction at 2021-04-01
          {"kpi":"runoff-reduction","date":"2021-04-01","value":"lots"} | observations[0].value | must be a decimal
          {"kpi":"runoff-reduction","date":"01/04/2021","value":1} | observations[0].date | ISO date
          {"kpi":"","date":"2021-04-01","value":1} | observations[0].kpi | non-empty
          {"kpi":"runoff-reduction","date":"2021-04-01","value":1,"unit":"%"} | observations[0].unit | is not a field
          """)
  void badObservationsAreA400NamingTheObservation(
      String observations, String field, String reason) {
    Api.Response response = api.post(PATH, "officer", body(deal("dc-water.json"), observations));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().get("field").asString()).isEqualTo(field);
    assertThat(response.json().get("detail").asString()).contains(reason);
  }

  @Test
  void financeOfficersInvestorsAndAuditorsMayCalculateOthersMayNot() {
    String body = body(deal("nrw-contract.json"), "");

    assertThat(api.post(PATH, "investor", body).status()).isEqualTo(200);
    assertThat(api.post(PATH, "auditor", body).status()).isEqualTo(200);
    assertThat(api.post(PATH, "operator", body).status()).isEqualTo(403);
    assertThat(api.post(PATH, "resident", body).status()).isEqualTo(403);
    assertThat(api.post(PATH, null, body).status()).isEqualTo(401);
  }

  private List<String> outcomes(String terms, String kpi, String date, String value) {
    JsonNode answer =
        ok(
            body(
                terms,
                "{\"kpi\":\"" + kpi + "\",\"date\":\"" + date + "\",\"value\":" + value + "}"));
    List<String> outcomes = new ArrayList<>();
    for (JsonNode payment : answer.get("payments")) {
      if (payment.get("kind").asString().equals("OUTCOME")) {
        outcomes.add(
            payment.get("date").asString()
                + " "
                + payment.get("payer").asString()
                + "→"
                + payment.get("payee").asString()
                + " "
                + payment.get("amount").asString()
                + " "
                + payment.get("currency").asString());
      }
    }
    return outcomes;
  }

  private static List<String> coupons(JsonNode answer) {
    return ofKind(answer, "COUPON");
  }

  private static List<String> availability(JsonNode answer) {
    return ofKind(answer, "AVAILABILITY");
  }

  private static List<String> ofKind(JsonNode answer, String kind) {
    List<String> found = new ArrayList<>();
    for (JsonNode payment : answer.get("payments")) {
      if (payment.get("kind").asString().equals(kind)) {
        found.add(payment.get("date").asString() + " " + payment.get("amount").asString());
      }
    }
    return found;
  }

  private static List<String> kinds(JsonNode answer) {
    return answer.get("payments").findValuesAsString("kind");
  }

  private JsonNode ok(String body) {
    Api.Response response = api.post(PATH, "officer", body);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static String body(String terms, String observations) {
    return "{\"terms\": " + terms + ", \"observations\": [" + observations + "]}";
  }

  private static String deal(String name) {
    return text(name);
  }

  private static String text(String name) {
    try {
      return Files.readString(DEALS.resolve(name));
    } catch (IOException e) {
      throw new IllegalStateException("reference deal " + name + " is missing", e);
    }
  }
}
