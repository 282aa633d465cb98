package io.twinledger.twin.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.reactivex.Flowable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Against a Mosquitto of the test's own, configured as the user guide recommends for a fast feed:
 * no limit on queued messages, a finite one on messages in flight.
 *
 * <p>Mosquitto 2.0.11 keeps to neither that limit nor the client's Receive Maximum once a backlog
 * waits for a subscriber that has acknowledged nothing yet: it sends more than the 65,535 packet
 * identifiers can number, the client drops the connection on the first identifier reused, and the
 * broker delivers everything unacknowledged again. The user guide documents this; what the service
 * guarantees is that the backlog still arrives whole, and the store's idempotence makes the
 * redelivered copies harmless.
 */
class MqttIngressFlowControlTest {

  /** More than MQTT's 65,535 packet identifiers. */
  private static final int MESSAGES = 70_000;

  @Test
  void aBacklogLargerThanThePacketIdentifiersArrivesWhole() throws Exception {
    assumeTrue(OwnMosquitto.installed(), "Mosquitto is not installed");
    try (OwnMosquitto broker =
        OwnMosquitto.start("max_inflight_messages 20000", "max_queued_messages 0")) {
      String topic = "twinledger-test/" + UUID.randomUUID() + "/flow";
      MqttSettings settings =
          new MqttSettings(
              "127.0.0.1",
              broker.port(),
              "it-" + UUID.randomUUID(),
              List.of(topic),
              Optional.empty(),
              Optional.empty(),
              1_000,
              Duration.ofSeconds(5));
      Set<String> received = ConcurrentHashMap.newKeySet();
      CountDownLatch published = new CountDownLatch(1);
      try (MqttIngress ingress =
          MqttIngress.start(
              settings,
              batch -> {
                // Nothing is acknowledged until every message is published: the broker holds a
                // backlog larger than the packet identifiers can number.
                published.await();
                batch.forEach(m -> received.add(new String(m.payload(), StandardCharsets.UTF_8)));
              })) {
        publish(broker.port(), topic);
        published.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received.size() < MESSAGES && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
      }
      assertThat(received).as("distinct messages handed to the handler").hasSize(MESSAGES);
    }
  }

  private static void publish(int port, String topic) throws Exception {
    Mqtt5AsyncClient publisher =
        Mqtt5Client.builder()
            .identifier("it-pub-" + UUID.randomUUID())
            .serverHost("127.0.0.1")
            .serverPort(port)
            .buildAsync();
    publisher.connect().get(10, TimeUnit.SECONDS);
    long acknowledged =
        publisher
            .toRx()
            .publish(
                Flowable.range(0, MESSAGES)
                    .map(
                        i ->
                            Mqtt5Publish.builder()
                                .topic(topic)
                                .qos(MqttQos.AT_LEAST_ONCE)
                                .payload(("{\"seq\": " + i + "}").getBytes(StandardCharsets.UTF_8))
                                .build()))
            .count()
            .blockingGet();
    publisher.disconnect().get(10, TimeUnit.SECONDS);
    assertThat(acknowledged).isEqualTo(MESSAGES);
  }
}
