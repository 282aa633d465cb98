package io.twinledger.service.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document at {@code /api/docs} tells the truth about real answers: each request below
 * goes over HTTP to the whole service, and its status must be one the document declares for that
 * operation, its content type one declared for that status, and its JSON body must fit the declared
 * schema ({@link SchemaCheck}).
 */
@OnEmbeddedDb
class ApiDocsTruthTest {

  static final String WATER =
      """
      {"assetId": "%s", "assetClass": "WATER_DISTRICT", "name": "Spec %s",
       "timeZone": "Europe/Amsterdam", "parameters": {"mainsLengthKm": 100,
       "serviceConnections": 5000, "privatePipeLengthKm": 50, "averagePressureM": 50,
       "tariff": {"amount": 2.35, "currency": "EUR"}}}""";

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  Api api;
  JsonNode document;
  SchemaCheck schemas;

  @BeforeEach
  void readTheDocument() {
    api = new Api(port, json);
    Api.Response docs = api.get("/api/docs", null);
    assertThat(docs.status()).isEqualTo(200);
    document = docs.json();
    schemas = new SchemaCheck(document);
  }

  @Test
  void registeringAnAssetAnswers201WithLocationAndAMoneyBearingAssetFitsItsSchema() {
    String id = "spec-" + UUID.randomUUID().toString().substring(0, 8);
    Api.Response created = api.post("/api/v1/assets", "officer", WATER.formatted(id, id));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertDeclared("POST", "/api/v1/assets", created);
    assertThat(response("POST", "/api/v1/assets", 201).at("/headers/Location").isMissingNode())
        .isFalse();

    Api.Response asset = awaitAsset(id);
    assertThat(asset.json().at("/parameters/tariff/currency").asString()).isEqualTo("EUR");
    assertDeclared("GET", "/api/v1/assets/{assetId}", asset);
    assertDeclared("GET", "/api/v1/assets", api.get("/api/v1/assets", "officer"));
  }

  @Test
  void moneyIsACurrencyCodeAndAnAmountAsTheApiWritesThem() {
    JsonNode money = document.at("/components/schemas/Money/properties");
    assertThat(types(money.get("currency"))).containsExactly("string", "null");
    assertThat(money.at("/currency/pattern").asString()).isEqualTo("^[A-Z]{3}$");
    String decimal =
        json.writeValueAsString(java.math.BigDecimal.ONE).startsWith("\"") ? "string" : "number";
    assertThat(types(money.get("amount"))).containsExactly(decimal, "null");
  }

  private static List<String> types(JsonNode schema) {
    return schema.get("type").valueStream().map(JsonNode::asString).toList();
  }

  @Test
  void refusalsAreDeclaredProblems() {
    assertDeclared("GET", "/api/v1/assets/{assetId}", api.get("/api/v1/assets/no-such", "officer"));
    assertDeclared("GET", "/api/v1/assets", api.get("/api/v1/assets", null));
    assertDeclared(
        "POST", "/api/v1/assets", api.post("/api/v1/assets", "auditor", WATER.formatted("x", "x")));
    Api.Response invalid = api.post("/api/v1/assets", "officer", "{\"assetId\": 7}");
    assertThat(invalid.status()).isEqualTo(400);
    assertDeclared("POST", "/api/v1/assets", invalid);
    Api.Response unsupported =
        api.send("POST", "/api/v1/assets", "officer", WATER.formatted("y", "y"), "text/plain");
    assertThat(unsupported.status()).isEqualTo(415);
    assertDeclared("POST", "/api/v1/assets", unsupported);
  }

  @Test
  void aStaleVersionIsADeclared409() {
    String id = "spec-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(api.post("/api/v1/assets", "officer", WATER.formatted(id, id)).status())
        .isEqualTo(201);
    awaitAsset(id);
    Api.Response stale =
        api.put(
            "/api/v1/assets/" + id + "/kpis/nrw",
            "officer",
            """
            {"expectedVersion": 99, "unit": "C62", "aggregation": "LAST",
             "betterDirection": "LOWER", "thresholds": []}""");
    assertThat(stale.status()).as(stale.body()).isEqualTo(409);
    assertDeclared("PUT", "/api/v1/assets/{assetId}/kpis/{kpiId}", stale);
  }

  @Test
  void anImportAndANotificationAnswerAsDeclared() throws Exception {
    JsonNode imports = document.at("/paths/~1api~1v1~1twin~1imports/post/requestBody/content");
    assertThat(imports.propertyNames()).contains("text/csv", "application/x-ndjson");
    JsonNode notifications =
        document.at("/paths/~1api~1v1~1twin~1ngsi-ld~1notifications/post/requestBody/content");
    assertThat(notifications.propertyNames())
        .containsExactlyInAnyOrder("application/json", "application/ld+json");

    Api.Response imported =
        api.send(
            "POST",
            "/api/v1/twin/imports?name=spec-" + UUID.randomUUID() + ".csv",
            "operator",
            "asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n"
                + "dma-north-hill,system-input-volume,spec,2026-02-01T10:00:00Z,12.5,MTQ\n"
                + "not,a,valid,row\n",
            "text/csv");
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertDeclared("POST", "/api/v1/twin/imports", imported);

    Api.Response notified =
        api.send(
            "POST",
            "/api/v1/twin/ngsi-ld/notifications",
            "operator",
            notification(),
            "application/ld+json");
    assertThat(notified.status()).as(notified.body()).isEqualTo(200);
    assertDeclared("POST", "/api/v1/twin/ngsi-ld/notifications", notified);
    Api.Response refused =
        api.send(
            "POST", "/api/v1/twin/ngsi-ld/notifications", "operator", "{}", "application/json");
    assertThat(refused.status()).isEqualTo(400);
    assertDeclared("POST", "/api/v1/twin/ngsi-ld/notifications", refused);
  }

  /** Every secured operation declares 400, 401 and 403 as problems, and a success status. */
  @Test
  void everyOperationDeclaresItsSuccessAndTheCommonRefusals() {
    List<String> missing = new ArrayList<>();
    document
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        operation -> {
                          JsonNode responses = operation.getValue().get("responses");
                          String name = operation.getKey() + " " + path.getKey();
                          if (responses.propertyNames().stream()
                              .noneMatch(c -> c.startsWith("2"))) {
                            missing.add(name + ": no success status");
                          }
                          for (String code : List.of("400", "401", "403")) {
                            if (responses
                                .at("/" + code + "/content/application~1problem+json")
                                .isMissingNode()) {
                              missing.add(name + ": no problem for " + code);
                            }
                          }
                        }));
    assertThat(missing).isEmpty();
  }

  /** The checker can fail: Money with the currency as springdoc first described it. */
  @Test
  void theSchemaCheckRefusesWhatDoesNotFit() {
    JsonNode currencyObject =
        json.readTree(
            """
            {"type": "object", "properties": {"amount": {"type": "number"},
             "currency": {"type": "object", "properties": {"currencyCode": {"type": "string"}}}}}""");
    JsonNode money = json.readTree("{\"amount\": 2.35, \"currency\": \"EUR\", \"extra\": 1}");
    assertThat(schemas.errors(money, currencyObject))
        .containsExactly(
            "$.currency: string \"EUR\" where the schema says [object]",
            "$.extra: the schema does not name this property");
  }

  private Api.Response awaitAsset(String id) {
    long until = System.nanoTime() + 20_000_000_000L;
    Api.Response asset;
    do {
      asset = api.get("/api/v1/assets/" + id, "officer");
    } while (asset.status() == 404 && System.nanoTime() < until);
    assertThat(asset.status()).as(asset.body()).isEqualTo(200);
    return asset;
  }

  private JsonNode response(String method, String path, int status) {
    JsonNode operation =
        document.path("paths").path(path).path(method.toLowerCase(java.util.Locale.ROOT));
    assertThat(operation.isMissingNode()).as("%s %s is in the document", method, path).isFalse();
    JsonNode response = operation.path("responses").path(Integer.toString(status));
    assertThat(response.isMissingNode())
        .as(
            "%s %s declares %d; it declares %s",
            method, path, status, operation.path("responses").propertyNames())
        .isFalse();
    return response;
  }

  /** The status, the content type and the body are what the document declares for them. */
  private void assertDeclared(String method, String path, Api.Response actual) {
    JsonNode response = response(method, path, actual.status());
    if (actual.body().isEmpty()) {
      return;
    }
    String type = actual.contentType().split(";")[0].trim();
    JsonNode content = response.path("content").path(type);
    assertThat(content.isMissingNode())
        .as(
            "%s %s %d declares content %s; the answer is %s",
            method, path, actual.status(), response.path("content").propertyNames(), type)
        .isFalse();
    assertThat(schemas.errors(actual.json(), content.get("schema")))
        .as("%s %s %d: %s", method, path, actual.status(), actual.body())
        .isEmpty();
  }

  /** The sample notification; sent again it is answered alike, its readings counted duplicates. */
  private String notification() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/ngsild/road-segment-normalized.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
