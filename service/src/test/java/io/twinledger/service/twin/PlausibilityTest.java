package io.twinledger.service.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Api;
import io.twinledger.service.support.OnEmbeddedDb;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One plausibility range per KPI, on every channel, with the demo's mapping: the mistyped row of
 * issue 14 (a system input volume of 99,999,999,999 m³ in one quarter hour), which a file import
 * used to store because the bulk entry had no maximum, is refused by a file as by a broker.
 */
@OnEmbeddedDb
class PlausibilityTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  @Test
  void theMistypedRowIsQuarantinedByAFileAsByABroker() {
    Api api = new Api(port, json);
    String asset = "dma-" + UUID.randomUUID().toString().substring(0, 8);
    Instant at = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    String name = "mistyped-" + asset + ".csv";

    var imported =
        api.send(
            "POST",
            "/api/v1/twin/imports?name=" + name + "&format=csv",
            "operator",
            """
            asset_id,kpi_id,sensor_id,observed_at,value,unit_code
            %1$s,system-input-volume,inlet-x,%2$s,99999999999,MTQ
            %1$s,system-input-volume,inlet-x,%3$s,18.5,MTQ
            """
                .formatted(asset, at, at.plus(15, ChronoUnit.MINUTES)));

    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(imported.json().get("stored").asInt()).isEqualTo(1);
    assertThat(imported.json().get("quarantined").asInt()).isEqualTo(1);
    assertThat(reasonFor(api, "bulk:" + name))
        .contains("99999999999")
        .contains("outside the physical range 0..250000");

    // A value of its own, so that its quarantine entry is told apart from other tests' ones.
    String hugeVolume = "99999999" + (100 + Math.abs(asset.hashCode() % 900));
    var notified =
        api.send(
            "POST",
            "/api/v1/twin/ngsi-ld/notifications",
            "operator",
            """
            {"id": "urn:ngsi-ld:Notification:%1$s", "type": "Notification",
             "subscriptionId": "urn:ngsi-ld:Subscription:%1$s", "notifiedAt": "%2$s",
             "data": [{"id": "urn:ngsi-ld:WaterConsumptionObserved:riverton:north-hill-inlet",
                       "type": "WaterConsumptionObserved",
                       "waterConsumption": {"type": "Property", "value": %3$s,
                                            "observedAt": "%2$s", "unitCode": "MTQ"}}]}
            """
                .formatted(asset, at, hugeVolume));
    assertThat(notified.status()).as(notified.body()).isEqualTo(200);
    assertThat(notified.json().get("stored").asInt()).isZero();
    assertThat(notified.json().get("quarantined").asInt()).isOne();
    assertThat(reasonContaining(api, "value " + hugeVolume + " MTQ"))
        .contains("outside the physical range 0..250000");
  }

  private static String reasonContaining(Api api, String text) {
    for (JsonNode entry : api.get("/api/v1/twin/quarantine?limit=1000", "operator").json()) {
      if (entry.get("reason").asString().contains(text)) {
        return entry.get("reason").asString();
      }
    }
    throw new AssertionError("nothing quarantined with " + text);
  }

  private static String reasonFor(Api api, String source) {
    for (JsonNode entry : api.get("/api/v1/twin/quarantine?limit=1000", "operator").json()) {
      if (entry.get("source").asString().equals(source)) {
        return entry.get("reason").asString();
      }
    }
    throw new AssertionError("nothing quarantined from " + source);
  }
}
