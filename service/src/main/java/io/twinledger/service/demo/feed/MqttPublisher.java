package io.twinledger.service.demo.feed;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.twinledger.twin.simulator.SensorAddress.MqttTopic;
import io.twinledger.twin.simulator.SimulatedReading;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes MQTT signals as the devices would: QoS 1, one JSON message per reading, on the topics
 * and in the payload shapes the Riverton mapping reads.
 *
 * <p>Publishing is paced at {@value #PER_SECOND} messages a second. A broker acknowledges a QoS 1
 * message once it holds it, not once the subscriber has stored it, and a broker with small queues
 * (Mosquitto keeps 1,000 messages per client by default) drops what overflows while the service
 * stores a batch; the pace keeps the service's queue short.
 */
final class MqttPublisher implements AutoCloseable {

  static final int PER_SECOND = 1_000;

  /** Messages awaiting the broker's acknowledgement at most. */
  private static final int WINDOW = 100;

  private final Mqtt5AsyncClient client;
  private final List<CompletableFuture<Mqtt5PublishResult>> pending = new ArrayList<>();

  /** When the current pacing window began, and what was published in it. */
  private long windowStart;

  private int sentInWindow;

  private MqttPublisher(Mqtt5AsyncClient client) {
    this.client = client;
  }

  /**
   * Connects to the broker.
   *
   * @throws IllegalStateException if it cannot be reached within 10 seconds
   */
  static MqttPublisher connect(
      String host, int port, Optional<String> username, Optional<String> password) {
    Mqtt5ClientBuilder builder =
        Mqtt5Client.builder()
            // Unique: two demo services on one broker must not take over each other's connection.
            .identifier("twinledger-demo-feed-" + UUID.randomUUID().toString().substring(0, 8))
            .serverHost(host)
            .serverPort(port)
            .automaticReconnectWithDefaultConfig();
    if (username.isPresent()) {
      builder =
          builder
              .simpleAuth()
              .username(username.get())
              .password(password.orElse("").getBytes(StandardCharsets.UTF_8))
              .applySimpleAuth();
    }
    Mqtt5AsyncClient client = builder.buildAsync();
    try {
      client.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      client.disconnect();
      throw new IllegalStateException(
          "cannot connect to MQTT broker " + host + ":" + port + ": " + rootMessage(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to MQTT", e);
    }
    return new MqttPublisher(client);
  }

  /** Publishes one reading; may wait for acknowledgements to keep the pace. */
  void publish(SimulatedReading reading) {
    if (!(reading.address() instanceof MqttTopic topic)) {
      throw new IllegalArgumentException(reading.signal() + " is not published over MQTT");
    }
    publish(topic.topic(), payload(reading));
  }

  /** Publishes one message; may wait for acknowledgements to keep the pace. */
  void publish(String topic, String payload) {
    if (sentInWindow == 0) {
      windowStart = System.nanoTime();
    }
    pending.add(
        client
            .publishWith()
            .topic(topic)
            .qos(MqttQos.AT_LEAST_ONCE)
            .payload(payload.getBytes(StandardCharsets.UTF_8))
            .send());
    sentInWindow++;
    if (pending.size() >= WINDOW) {
      awaitAcknowledged();
      pace();
    }
  }

  /** Waits until the broker has acknowledged everything published so far. */
  void flush() {
    awaitAcknowledged();
    sentInWindow = 0;
  }

  private void awaitAcknowledged() {
    try {
      for (CompletableFuture<Mqtt5PublishResult> sent : pending) {
        Optional<Throwable> error = sent.get(30, TimeUnit.SECONDS).getError();
        if (error.isPresent()) {
          throw new IllegalStateException("MQTT publish failed: " + error.get(), error.get());
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("MQTT publish failed: " + rootMessage(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing", e);
    } finally {
      pending.clear();
    }
  }

  private void pace() {
    long due = windowStart + TimeUnit.SECONDS.toNanos(sentInWindow) / PER_SECOND;
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while publishing", e);
      }
    }
    if (sentInWindow >= PER_SECOND) {
      sentInWindow = 0;
    }
  }

  /** The device payloads the mapping expects on each topic. */
  static String payload(SimulatedReading reading) {
    String time = reading.observedAt().toString();
    String value = reading.value().toPlainString();
    String unit = reading.signal().unit().name();
    return switch (reading.signal()) {
      case RAINFALL_DEPTH ->
          "{\"time\":\"" + time + "\",\"depth\":" + value + ",\"unit\":\"" + unit + "\"}";
      case RUNOFF_VOLUME, OVERFLOW_VOLUME ->
          "{\"time\":\"" + time + "\",\"volume\":" + value + ",\"unit\":\"" + unit + "\"}";
      case AXLE_LOAD -> "{\"ts\":\"" + time + "\",\"load\":" + value + "}";
      default -> throw new IllegalArgumentException(reading.signal() + " is not an MQTT signal");
    };
  }

  @Override
  public void close() {
    try {
      client.disconnect().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Closing anyway: nothing is lost, every publish was acknowledged or is reported failed.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
