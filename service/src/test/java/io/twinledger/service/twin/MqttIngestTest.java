package io.twinledger.service.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.TestDatabaseInitializers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service subscribed to the real Mosquitto on 127.0.0.1:1883: a gauge publishes, the reading is
 * stored. Skipped where no broker listens.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "twinledger.twin.mqtt.host=127.0.0.1",
      "twinledger.twin.mqtt.port=1883",
      "twinledger.twin.mqtt.client-id=twinledger-it-${random.uuid}",
      "twinledger.demo.feed.enabled=false",
      "twinledger.demo.bonds.enabled=false",
      "twinledger.demo.village.enabled=false"
    })
@ActiveProfiles("demo")
@ContextConfiguration(initializers = TestDatabaseInitializers.Embedded.class)
@DirtiesContext
class MqttIngestTest {

  @LocalServerPort int port;
  @Autowired JsonMapper json;

  @BeforeAll
  static void brokerIsThere() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 1883), 1000);
    } catch (IOException e) {
      assumeTrue(false, "no MQTT broker on 127.0.0.1:1883");
    }
  }

  @Test
  void aRainGaugeMessageBecomesAStoredReading() {
    String gauge = "gauge-" + UUID.randomUUID().toString().substring(0, 8);
    Instant at =
        Instant.parse("2025-01-01T00:00:00Z")
            .plusSeconds(ThreadLocalRandom.current().nextLong(10_000_000));
    Mqtt5BlockingClient publisher =
        Mqtt5Client.builder()
            .identifier("it-" + gauge)
            .serverHost("127.0.0.1")
            .serverPort(1883)
            .buildBlocking();
    publisher.connect();
    publisher
        .publishWith()
        .topic("riverton/stormwater/gi-rock-creek-a/" + gauge + "/rainfall")
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(
            ("{\"time\": \"" + at + "\", \"depth\": 1.25, \"unit\": \"MMT\"}")
                .getBytes(StandardCharsets.UTF_8))
        .send();
    publisher.disconnect();

    Api api = new Api(port, json);
    JsonNode readings =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    api.get(
                            "/api/v1/twin/readings?asset=gi-rock-creek-a&kpi=rainfall-depth&from="
                                + at
                                + "&to="
                                + at.plusSeconds(1),
                            "auditor")
                        .json(),
                list -> list.size() == 1);
    assertThat(readings.at("/0/reading/value").decimalValue()).isEqualByComparingTo("1.25");
    assertThat(readings.at("/0/reading/source").asString()).isEqualTo("mqtt:127.0.0.1");
  }
}
