package io.twinledger.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** Refusals before a body is read, and of the container and firewall, are problems. */
@OnEmbeddedDb
class RequestGuardsTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;
  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port, json);
  }

  static final String XNPV =
      """
      {"rate": 0.1, "flows": [{"date": "2020-01-01", "amount": -100},
       {"date": "2021-01-01", "amount": 110}]}""";

  @Test
  void aControlCharacterInAPathVariableIsRefused() {
    var response = api.get("/api/v1/assets/dma%01north", "officer");
    assertProblem(response, 400);
  }

  @Test
  void aNulInAPathIsRefused() {
    assertProblem(api.get("/api/v1/assets/dma%00north", "officer"), 400);
  }

  @Test
  void aControlCharacterInTheSubscriptionTenantIsRefused() {
    var response =
        api.post(
            "/api/v1/twin/ngsi-ld/subscriptions",
            "operator",
            "{\"brokerUrl\": \"http://localhost:1\", \"tenant\": \"a\\u0000b\"}");
    assertProblem(response, 400);
  }

  @Test
  void aBodyWithoutContentTypeIsRefused() {
    assertProblem(api.send("POST", "/api/v1/calc/xnpv", "officer", XNPV, null), 415);
  }

  @ParameterizedTest
  @ValueSource(strings = {"*/*", "application/*", "nonsense"})
  void aWildcardOrUnreadableContentTypeIsRefused(String type) {
    assertProblem(api.send("POST", "/api/v1/calc/xnpv", "officer", XNPV, type), 415);
  }

  @Test
  void theRightContentTypeIsStillRead() {
    assertThat(api.send("POST", "/api/v1/calc/xnpv", "officer", XNPV, "application/json").status())
        .isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/api/v1//assets", "/api/v1/%2e%2e/assets", "/api/v1/assets;x=1", "/api/%2F"})
  void firewallRejectionsAreProblems(String path) {
    var response = api.get(path, "officer");
    assertThat(response.status()).as(path).isBetween(400, 499);
    assertThat(response.contentType()).as(path).startsWith("application/problem+json");
    assertThat(response.json().path("type").asString()).as(path).startsWith("urn:problem-type:");
  }

  @Test
  void traceIsRefusedAsAProblem() {
    var response = api.send("TRACE", "/api/v1/assets", "officer", null);
    assertProblem(response, 405);
    assertThat(response.body()).doesNotContain("Authorization");
  }

  @Test
  void errorIsNotAPublicEndpoint() {
    var response = api.get("/error", null);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/problem+json");
  }

  @Test
  void unknownPathsAreProblems() {
    assertProblem(api.get("/api/v1/no-such-thing", "officer"), 404);
    assertProblem(api.get("/api/v1/nope", "auditor"), 404);
    assertProblem(api.get("/api/v1/assets/no-such-asset", "officer"), 404);
  }

  @Test
  void optionsAnswersTheAllowedMethods() {
    var anonymous = api.send("OPTIONS", "/api/v1/assets", null, null);
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.headers().firstValue("Allow").orElse(""))
        .contains("GET", "POST", "OPTIONS")
        .doesNotContain("DELETE");
    var calc = api.send("OPTIONS", "/api/v1/calc/xnpv", "investor", null);
    assertThat(calc.status()).isEqualTo(200);
    assertThat(calc.headers().firstValue("Allow").orElse("")).contains("POST");
  }

  /** A problem of the status, with a TwinLedger problem type as every other problem has. */
  private static void assertProblem(Api.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().path("type").asString())
        .as(response.body())
        .startsWith("urn:problem-type:twinledger:");
  }
}
