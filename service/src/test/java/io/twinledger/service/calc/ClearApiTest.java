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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/calc/clear} over real HTTP: the reference's worked example, the rules and
 * refusals. The clearing itself is contracts-market's, tested there as properties; this checks what
 * a caller sends and gets back.
 */
@OnEmbeddedDb
class ClearApiTest {

  /** The worked example of docs/energy-market.md (KRW/kWh). */
  static final String BOOK =
      """
      "bids":[{"id":"b1","price":150,"quantity":0.6},{"id":"b2","price":130,"quantity":0.7},
              {"id":"b3","price":110,"quantity":0.9}],
      "asks":[{"id":"a1","price":90,"quantity":0.8},{"id":"a2","price":100,"quantity":0.5},
              {"id":"a3","price":120,"quantity":1.0}]""";

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port, json);
  }

  @Test
  void theWorkedExampleClears1point3KwhAt115() {
    JsonNode answer =
        ok("resident", "{\"rule\":\"uniform\",\"kappa\":0.5,\"gridFee\":0," + BOOK + "}");

    assertThat(answer.get("price").decimalValue()).isEqualByComparingTo("115");
    assertThat(answer.get("volume").decimalValue()).isEqualByComparingTo("1.3");
    BigDecimal traded = BigDecimal.ZERO;
    for (JsonNode trade : answer.get("trades")) {
      assertThat(trade.get("price").decimalValue()).isEqualByComparingTo("115");
      assertThat(trade.has("buyerPrice")).isFalse();
      traded = traded.add(trade.get("quantity").decimalValue());
    }
    assertThat(traded).isEqualByComparingTo("1.3");
    assertThat(answer.get("trades").get(0).get("bid").asString()).isEqualTo("b1");
    assertThat(answer.get("trades").get(0).get("ask").asString()).isEqualTo("a1");
  }

  @Test
  void kappaMovesThePriceWithinTheEquilibriumInterval() {
    assertThat(ok("operator", "{\"kappa\":0," + BOOK + "}").get("price").decimalValue())
        .isEqualByComparingTo("110");
    assertThat(ok("operator", "{\"kappa\":1," + BOOK + "}").get("price").decimalValue())
        .isEqualByComparingTo("120");
  }

  @Test
  void theBuyerPaysTheGridFeeSoAMatchNeedsBidAtLeastAskPlusFee() {
    JsonNode answer =
        ok(
            "auditor",
            """
            {"gridFee":20,
             "bids":[{"id":"b","price":115,"quantity":1}],
             "asks":[{"id":"a","price":100,"quantity":1}]}""");
    JsonNode none =
        ok(
            "auditor",
            """
            {"gridFee":20,
             "bids":[{"id":"b","price":119.99,"quantity":1}],
             "asks":[{"id":"a","price":100,"quantity":1}]}""");

    assertThat(answer.get("volume").decimalValue()).isEqualByComparingTo("0");
    assertThat(none.get("volume").decimalValue()).isEqualByComparingTo("0");
    assertThat(none.has("price")).isFalse();
    JsonNode trades =
        ok(
                "auditor",
                """
                {"gridFee":20,
                 "bids":[{"id":"b","price":130,"quantity":1}],
                 "asks":[{"id":"a","price":100,"quantity":1}]}""")
            .get("trades");
    // Effective bid 130 - 20 = 110 against the ask 100: the seller gets 105, the buyer pays 125.
    assertThat(trades.get(0).get("price").decimalValue()).isEqualByComparingTo("105");
  }

  @Test
  void payAsBidPricesEachTradeAtItsBidLessTheFee() {
    JsonNode answer = ok("officer", "{\"rule\":\"pay-as-bid\",\"gridFee\":10," + BOOK + "}");

    assertThat(answer.has("price")).isFalse();
    assertThat(answer.get("trades").get(0).get("price").decimalValue()).isEqualByComparingTo("140");
  }

  @Test
  void tradeReductionNeverRunsADeficit() {
    JsonNode answer = ok("officer", "{\"rule\":\"trade-reduction\"," + BOOK + "}");

    assertThat(answer.get("surplus").decimalValue()).isNotNegative();
    for (JsonNode trade : answer.get("trades")) {
      BigDecimal buyer =
          trade.has("buyerPrice")
              ? trade.get("buyerPrice").decimalValue()
              : trade.get("price").decimalValue();
      assertThat(buyer).isGreaterThanOrEqualTo(trade.get("price").decimalValue());
    }
  }

  static Stream<Arguments> badBooks() {
    return Stream.of(
        Arguments.of("{\"rule\":\"vickrey\"," + BOOK + "}", "rule", "must be uniform"),
        Arguments.of("{\"kappa\":1.5," + BOOK + "}", "kappa", "between 0 and 1"),
        Arguments.of("{\"rule\":\"pay-as-bid\",\"kappa\":0.5," + BOOK + "}", "kappa", "only"),
        Arguments.of("{\"gridFee\":-1," + BOOK + "}", "gridFee", "at least 0"),
        Arguments.of(
            "{\"bids\":[{\"id\":\"b\",\"price\":100,\"quantity\":-0.5}],\"asks\":[]}",
            "bids[0].quantity",
            "more than 0"),
        Arguments.of(
            "{\"bids\":[],\"asks\":[{\"id\":\"a\",\"price\":100,\"quantity\":0.0001}]}",
            "asks[0].quantity",
            "decimals"),
        Arguments.of(
            "{\"bids\":[{\"id\":\"b\",\"quantity\":1}],\"asks\":[]}", "bids[0].price", "missing"),
        Arguments.of("{\"bids\":[]}", "asks", "is required"),
        Arguments.of(
            """
            {"bids":[{"id":"x","participant":"h1","price":120,"quantity":1}],
             "asks":[{"id":"y","participant":"h1","price":100,"quantity":1}]}""",
            "bids",
            "h1"),
        Arguments.of(
            """
            {"bids":[{"id":"x","price":120,"quantity":1}],
             "asks":[{"id":"x","price":100,"quantity":1}]}""",
            "bids",
            "x"));
  }

  @ParameterizedTest
  @MethodSource("badBooks")
  void aBadBookIsRefusedNamingTheField(String body, String field, String reason) {
    Api.Response response = api.post("/api/v1/calc/clear", "resident", body);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("field").asString()).isEqualTo(field);
    assertThat(problem.get("detail").asString()).contains(reason);
  }

  @Test
  void investorsAndTrusteesMayNotClear() {
    assertThat(api.post("/api/v1/calc/clear", "investor", "{" + BOOK + "}").status())
        .isEqualTo(403);
    assertThat(api.post("/api/v1/calc/clear", "trustee", "{" + BOOK + "}").status()).isEqualTo(403);
  }

  private JsonNode ok(String user, String body) {
    Api.Response response = api.post("/api/v1/calc/clear", user, body);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }
}
