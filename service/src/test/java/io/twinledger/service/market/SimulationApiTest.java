package io.twinledger.service.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/v1/energy/simulations}: a real simulated year over HTTP, followed to its report. */
@OnEmbeddedDb
class SimulationApiTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port, json);
  }

  @Test
  void aSimulationRunsToItsReportWithConservationOnEverySlot() throws Exception {
    Api.Response started =
        api.post(
            "/api/v1/energy/simulations",
            "officer",
            "{\"year\": 2025, \"households\": 4, \"seed\": 3}");

    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().get("id").asString();
    JsonNode state = started.json();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (!state.get("state").asString().equals("DONE") && Instant.now().isBefore(deadline)) {
      assertThat(state.get("state").asString()).isIn("RUNNING", "DONE");
      Thread.sleep(200);
      state = api.get("/api/v1/energy/simulations/" + id, "resident").json();
    }
    JsonNode report = state.get("report");
    assertThat(report.get("slots").asInt()).isEqualTo(35_040);
    assertThat(report.get("slotsChecked").asLong()).isEqualTo(35_040);
    assertThat(report.get("conservationFailures")).isEmpty();
    assertThat(report.get("households")).hasSize(4);
    assertThat(report.get("months")).hasSize(12);
    assertThat(report.get("withTrading").get("selfSufficiency").decimalValue())
        .isGreaterThanOrEqualTo(report.get("withoutTrading").get("selfSufficiency").decimalValue());
    assertThat(report.get("markdown").asString()).contains("self-sufficiency");
  }

  @Test
  void badSettingsAreRefusedNamingTheField() {
    assertThat(
            api.post("/api/v1/energy/simulations", "operator", "{}").json().get("field").asString())
        .isEqualTo("year");
    assertThat(
            api.post(
                    "/api/v1/energy/simulations",
                    "operator",
                    "{\"year\": 2025, \"rule\": \"pay-as-bid\", \"kappa\": 0.2}")
                .json()
                .get("field")
                .asString())
        .isEqualTo("kappa");
    assertThat(
            api.post(
                    "/api/v1/energy/simulations", "operator", "{\"year\": 2025, \"households\": 0}")
                .json()
                .get("field")
                .asString())
        .isEqualTo("households");
    assertThat(api.get("/api/v1/energy/simulations/nope", "operator").status()).isEqualTo(404);
    assertThat(api.post("/api/v1/energy/simulations", "investor", "{\"year\": 2025}").status())
        .isEqualTo(403);
  }
}
