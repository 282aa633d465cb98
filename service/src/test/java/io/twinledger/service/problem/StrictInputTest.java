package io.twinledger.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** Sloppy request bodies are refused with a 400 problem naming the field. */
@OnEmbeddedDb
class StrictInputTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port, json);
  }

  static final String WATER =
      """
      {"mainsLengthKm": 100, "serviceConnections": 5000, "privatePipeLengthKm": 50,
       "averagePressureM": 50, "tariff": {"amount": 2.35, "currency": "EUR"}}""";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "duplicate key | \"name\": \"A\", \"name\": \"B\", | name",
        "unknown field | \"colour\": \"red\", | colour",
        "number for text | \"name\": 7, | name",
        "boolean for text | \"name\": true, | name",
        "float for text | \"name\": 1.5, | name",
        "number for id | \"assetId\": 12, | assetId",
      })
  void registrationRefusesSloppyFields(String what, String extra, String field) {
    String id = "strict-" + UUID.randomUUID();
    String body =
        ("{"
                + extra
                + "\"assetId\": \"%s\", \"assetClass\": \"WATER_DISTRICT\","
                + " \"timeZone\": \"Europe/Amsterdam\", \"parameters\": %s}")
            .formatted(id, WATER);
    if (!extra.contains("\"name\"")) {
      body = body.replace("{" + extra, "{" + extra + "\"name\": \"N\", ");
    }
    if (extra.contains("assetId")) {
      body = body.replace("\"assetId\": \"" + id + "\",", "");
    }
    var response = api.post("/api/v1/assets", "officer", body);
    assertRefused(response, body, field);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "string for number | \"mainsLengthKm\": \"100\" | parameters.mainsLengthKm",
        "string for whole number | \"serviceConnections\": \"5000\" |"
            + " parameters.serviceConnections",
        "fraction for whole number | \"serviceConnections\": 5000.5 |"
            + " parameters.serviceConnections",
      })
  void parametersRefuseSloppyNumbers(String what, String replacement, String field) {
    String key = replacement.substring(0, replacement.indexOf(':'));
    String parameters = WATER.replaceFirst(key + ": [0-9.]+", replacement);
    String body =
        """
        {"assetId": "strict-%s", "assetClass": "WATER_DISTRICT", "name": "N",
         "timeZone": "Europe/Amsterdam", "parameters": %s}"""
            .formatted(UUID.randomUUID(), parameters);
    var response = api.post("/api/v1/assets", "officer", body);
    assertRefused(response, body, field);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "number for date | {\"rate\": 0.1, \"flows\": [{\"date\": 20200101, \"amount\": -100},"
            + " {\"date\": \"2021-01-01\", \"amount\": 110}]} | flows[0].date",
        "string for decimal | {\"rate\": \"0.1\", \"flows\": [{\"date\": \"2020-01-01\","
            + " \"amount\": -100}, {\"date\": \"2021-01-01\", \"amount\": 110}]} | rate",
        "trailing tokens | {\"rate\": 0.1, \"flows\": []} {} | body",
      })
  void calculatorsRefuseSloppyValues(String what, String body, String field) {
    var response = api.post("/api/v1/calc/xnpv", "officer", body);
    assertRefused(response, body, field);
  }

  @org.junit.jupiter.api.Test
  void anIdFieldWithAControlCharacterIsRefused() {
    String body =
        """
        {"assetId": "dma\\u0000north", "assetClass": "WATER_DISTRICT", "name": "N",
         "timeZone": "Europe/Amsterdam", "parameters": %s}"""
            .formatted(WATER);
    var response = api.post("/api/v1/assets", "officer", body);
    assertRefused(response, body, "assetId");
  }

  /**
   * A body that is not JSON at all, cut short or broken in the middle, is named in one clean line:
   * what is wrong and where (line and column), never Jackson's source description or its location
   * dump.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "/api/v1/assets | `{\"assetId\": \"a\", \"parameters\": {\"x\": 1`",
        "/api/v1/calc/xnpv | `{\"rate\": 0.1,, \"flows\": []}`",
        "/api/v1/calc/xnpv | `{\"rate\": 0.1, \"flows\": [`",
        "/api/v1/models | `{\"definition\": {\"id\": \"m\"`",
        "/api/v1/models | `{\"assets\": [\"a\" \"b\"]}`",
        "/api/v1/valuations | `{\"assetId\": \"a\"`",
        "/api/v1/twin/ngsi-ld/notifications | `{\"id\": \"n\", \"data\": [{`",
      })
  void malformedJsonIsNamedInOneCleanLine(String path, String body) {
    String user = path.contains("/twin/") ? "operator" : "officer";
    var response = api.post(path, user, body);
    assertThat(response.status()).as(body).isBetween(400, 422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().path("type").asString()).startsWith("urn:problem-type:twinledger:");
    String detail = response.json().path("detail").asString();
    assertThat(detail)
        .as(response.body())
        .contains("JSON")
        .doesNotContain("Source", "REDACTED", "StreamReadFeature", "start marker", "\n");
  }

  /** A 400 problem naming {@code field}. */
  private static void assertRefused(Api.Response response, String body, String field) {
    assertThat(response.status()).as(body).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().path("field").asString()).isEqualTo(field);
  }
}
