package io.twinledger.service.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.support.Api;
import io.twinledger.service.support.TestDatabaseInitializers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

/** A source that sends faster than its limit gets 429 with Retry-After; others are unaffected. */
// One token per 100 s: however slow this machine is, no token comes back during the test.
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "twinledger.twin.deliveries-per-second=0.01",
      "twinledger.twin.delivery-burst=2",
      "twinledger.twin.mqtt.embedded=false",
      "twinledger.demo.feed.enabled=false",
      "twinledger.demo.bonds.enabled=false",
      "twinledger.demo.village.enabled=false"
    })
@ActiveProfiles("demo")
@ContextConfiguration(initializers = TestDatabaseInitializers.Embedded.class)
@DirtiesContext
class RateLimitTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  @Test
  void aSourceOverItsLimitIsToldWhenToRetry() {
    Api api = new Api(port, json);
    String empty =
        "{\"id\": \"urn:ngsi-ld:Notification:1\", \"type\": \"Notification\"," + " \"data\": []}";
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(
          api.send("POST", "/api/v1/twin/ngsi-ld/notifications", "operator", empty).status());
    }
    assertThat(statuses.subList(0, 2)).doesNotContain(429);
    assertThat(statuses.subList(2, 4)).containsOnly(429);

    var limited = api.send("POST", "/api/v1/twin/ngsi-ld/notifications", "operator", empty);
    assertThat(limited.json().get("type").asString())
        .isEqualTo("urn:problem-type:twinledger:rate-limited");

    var import1 =
        api.send(
            "POST",
            "/api/v1/twin/imports?name=other.csv",
            "operator",
            "asset_id,kpi_id,sensor_id,observed_at,value,unit_code\n");
    assertThat(import1.status()).as("another source has its own bucket").isEqualTo(200);
  }
}
