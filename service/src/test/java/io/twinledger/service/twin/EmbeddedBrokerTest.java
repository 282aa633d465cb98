package io.twinledger.service.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.twinledger.ledger.store.TestDatabases;
import io.twinledger.service.TwinLedgerApplication;
import io.twinledger.service.cli.Cli;
import io.twinledger.service.support.Api;
import io.twinledger.service.support.TestDatabaseInitializers;
import io.twinledger.service.twin.broker.LocalMqttBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's embedded MQTT broker end to end: the service starts it on a free loopback port (never
 * the default 1884, which a running demo may hold), subscribes to it and stores what a rain gauge
 * publishes; messages queued for the service's session while it is down arrive after a restart; a
 * taken port stops the start with one line naming the property.
 */
class EmbeddedBrokerTest {

  @TempDir Path dataDir;

  /** A rain gauge reading of Riverton's mapping, on a topic and at a time no other test uses. */
  record GaugeReading(String topic, Instant at, String depth) {

    static GaugeReading random() {
      String gauge = "gauge-" + UUID.randomUUID().toString().substring(0, 8);
      Instant at =
          Instant.parse("2025-01-01T00:00:00Z")
              .plusSeconds(ThreadLocalRandom.current().nextLong(10_000_000));
      return new GaugeReading(
          "riverton/stormwater/gi-rock-creek-a/" + gauge + "/rainfall", at, "1.25");
    }

    String payload() {
      return "{\"time\": \"" + at + "\", \"depth\": " + depth + ", \"unit\": \"MMT\"}";
    }
  }

  /**
   * One service run stores what is published to its broker and leaves its persistent session in
   * {@code <data-dir>/mqtt}; the restart after it, which the queued message needs anyway, is the
   * second of the two starts these checks cost.
   */
  @Test
  void aReadingIsStoredLiveAndOneQueuedWhileTheServiceIsDownAfterARestart() throws IOException {
    int mqttPort = freePort();
    GaugeReading live = GaugeReading.random();
    try (ConfigurableApplicationContext service = start(mqttPort)) {
      // Beans close in reverse dependency order: the ingress disconnects before the broker stops.
      assertThat(service.getBeanFactory().getDependenciesForBean("embeddedMqttIngress"))
          .contains("localMqttBroker");
      publish(mqttPort, live);
      awaitStored(service, live);
    }
    assertThat(isFree(mqttPort)).as("the broker stops with the service").isTrue();

    GaugeReading queued = GaugeReading.random();
    try (LocalMqttBroker broker = LocalMqttBroker.start(dataDir.resolve("mqtt"), mqttPort)) {
      publish(broker.port(), queued);
    }
    try (ConfigurableApplicationContext service = start(mqttPort)) {
      awaitStored(service, queued);
    }
  }

  @Test
  void aTakenPortStopsTheStartWithOneLineNamingTheProperty() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = taken.getLocalPort();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          Cli.run(
              new String[] {
                "demo",
                "--server.port=0",
                "--twinledger.db.url=" + TestDatabases.freshDatabase(TestDatabases.Target.EMBEDDED),
                "--twinledger.data-dir=" + dataDir,
                "--twinledger.twin.mqtt.embedded-port=" + port,
                "--twinledger.demo.feed.enabled=false",
                "--twinledger.demo.bonds.enabled=false",
                "--twinledger.demo.village.enabled=false"
              },
              TwinLedgerApplication.class,
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(code).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .startsWith("twinledger: cannot start: Port " + port + " on 127.0.0.1 ")
          .contains("twinledger.twin.mqtt.embedded-port")
          .hasLineCount(1);
    }
  }

  private ConfigurableApplicationContext start(int mqttPort) {
    return new SpringApplicationBuilder(TwinLedgerApplication.class)
        .profiles("demo")
        .initializers(new TestDatabaseInitializers.Embedded())
        .run(
            "--server.port=0",
            "--twinledger.data-dir=" + dataDir,
            "--twinledger.twin.mqtt.embedded-port=" + mqttPort,
            // The test publishes its own readings; a year of demo data, the demo's bonds and its
            // village would only slow each start down.
            "--twinledger.demo.feed.enabled=false",
            "--twinledger.demo.bonds.enabled=false",
            "--twinledger.demo.village.enabled=false");
  }

  private static void publish(int mqttPort, GaugeReading reading) {
    Mqtt5BlockingClient gauge =
        Mqtt5Client.builder()
            .identifier("it-" + UUID.randomUUID())
            .serverHost("127.0.0.1")
            .serverPort(mqttPort)
            .buildBlocking();
    gauge.connect();
    gauge
        .publishWith()
        .topic(reading.topic())
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(reading.payload().getBytes(StandardCharsets.UTF_8))
        .send();
    gauge.disconnect();
  }

  private static void awaitStored(ConfigurableApplicationContext service, GaugeReading reading) {
    int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
    Api api = new Api(port, service.getBean(JsonMapper.class));
    JsonNode readings =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    api.get(
                            "/api/v1/twin/readings?asset=gi-rock-creek-a&kpi=rainfall-depth&from="
                                + reading.at()
                                + "&to="
                                + reading.at().plusSeconds(1),
                            "auditor")
                        .json(),
                list -> list.size() == 1);
    assertThat(readings.at("/0/reading/value").decimalValue())
        .isEqualByComparingTo(reading.depth());
    assertThat(readings.at("/0/reading/sensorId").asString()).isEqualTo(reading.topic());
    assertThat(readings.at("/0/reading/source").asString()).isEqualTo("mqtt:127.0.0.1");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      return socket.getLocalPort();
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
