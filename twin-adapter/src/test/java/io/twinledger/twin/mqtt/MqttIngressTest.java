package io.twinledger.twin.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real Mosquitto broker on 127.0.0.1:1883 (as on CI), or the one named by {@code
 * TWINLEDGER_TEST_MQTT}; skipped where no broker listens.
 */
class MqttIngressTest {

  private static final String HOST = "127.0.0.1";
  private static final int PORT =
      Optional.ofNullable(System.getenv("TWINLEDGER_TEST_MQTT_PORT"))
          .map(Integer::parseInt)
          .orElse(1883);

  @BeforeAll
  static void brokerIsThere() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, PORT), 1000);
    } catch (IOException e) {
      assumeTrue(false, "no MQTT broker on " + HOST + ":" + PORT);
    }
  }

  @Test
  void everyPublishedMessageArrivesInBoundedBatches() throws Exception {
    String topic = "twinledger-test/" + UUID.randomUUID() + "/dma-1/flow";
    Set<String> payloads = ConcurrentHashMap.newKeySet();
    List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(500);
    try (MqttIngress ingress =
        MqttIngress.start(
            settings("it-" + UUID.randomUUID(), topic.replace("/flow", "/+")),
            batch -> {
              batchSizes.add(batch.size());
              for (MqttMessage m : batch) {
                assertThat(m.topic()).isEqualTo(topic);
                payloads.add(new String(m.payload(), StandardCharsets.UTF_8));
                all.countDown();
              }
            })) {
      publish(topic, 0, 500);
      assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(payloads).hasSize(500);
    assertThat(batchSizes).allMatch(size -> size >= 1 && size <= 100);
    assertThat(batchSizes.size()).as("messages were batched").isLessThan(500);
  }

  @Test
  void messagesNotHandledBeforeAStopAreDeliveredAgainToTheSameClient() throws Exception {
    String topic = "twinledger-test/" + UUID.randomUUID() + "/pressure";
    String clientId = "it-" + UUID.randomUUID();
    CountDownLatch stuck = new CountDownLatch(1);
    MqttIngress crashing =
        MqttIngress.start(
            settings(clientId, topic),
            batch -> {
              stuck.countDown();
              throw new IllegalStateException("database down");
            });
    publish(topic, 0, 20);
    assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
    crashing.close();
    publish(topic, 20, 10);

    Set<String> received = ConcurrentHashMap.newKeySet();
    try (MqttIngress restarted =
        MqttIngress.start(
            settings(clientId, topic),
            batch ->
                batch.forEach(
                    m -> received.add(new String(m.payload(), StandardCharsets.UTF_8))))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (received.size() < 30 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }
    assertThat(received).hasSize(30);
  }

  private static MqttSettings settings(String clientId, String topic) {
    return new MqttSettings(
        HOST,
        PORT,
        clientId,
        List.of(topic),
        Optional.empty(),
        Optional.empty(),
        100,
        Duration.ofSeconds(5));
  }

  private static void publish(String topic, int from, int count) {
    Mqtt5BlockingClient publisher =
        Mqtt5Client.builder()
            .identifier("it-pub-" + UUID.randomUUID())
            .serverHost(HOST)
            .serverPort(PORT)
            .buildBlocking();
    publisher.connect();
    for (int i = from; i < from + count; i++) {
      publisher
          .publishWith()
          .topic(topic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload(("{\"seq\": " + i + "}").getBytes(StandardCharsets.UTF_8))
          .send();
    }
    publisher.disconnect();
  }
}
