package io.twinledger.twin.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to twin topics on an MQTT 5 broker (HiveMQ client) and hands messages to a {@link
 * MqttBatchHandler} in batches.
 *
 * <p><b>Batching.</b> A batch is whatever has arrived, up to the maximum, taken as soon as the
 * handler is free: no message waits for others. Under load, messages pile up while the previous
 * batch is stored, so batches grow by themselves; when traffic is light, each message is stored at
 * once. Waiting for a batch to fill would stall against a broker that allows only a few
 * unacknowledged messages in flight (Mosquitto's default is 20).
 *
 * <p><b>Delivery.</b> Subscriptions are QoS 1 in a persistent session, and a message is
 * acknowledged only after the handler has returned for its batch. A crash before that leaves it
 * unacknowledged, so the broker delivers it again; the handler's store is idempotent, so every
 * acknowledged reading ends up stored exactly once. A failing batch is retried with backoff rather
 * than acknowledged. The client reconnects by itself with exponential backoff.
 *
 * <p><b>Flow control.</b> The broker may have at most {@link #RECEIVE_MAXIMUM} messages in flight
 * to us. Mosquitto 2.0.11 (Debian 12) does not keep to it once messages queue for the session: each
 * acknowledgement releases up to that many more. A backlog beyond 65,535 messages then makes the
 * client disconnect with a protocol error on every connection, so the session never drains. Later
 * Mosquitto releases fixed their in-flight accounting.
 */
public final class MqttIngress implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MqttIngress.class);

  /**
   * The most unacknowledged messages the broker may send us. MQTT 5 lets a client leave Receive
   * Maximum out to mean 65,535, and the HiveMQ client does, but Mosquitto then applies its own
   * {@code max_inflight_messages}; with {@code 0}, the setting for long outages, it sends a whole
   * backlog at once, and past 65,535 unacknowledged messages the client disconnects with a protocol
   * error and gets the same backlog again on every reconnect. One less than the default is the
   * largest value the client writes into the CONNECT.
   */
  static final int RECEIVE_MAXIMUM = 65_534;

  private final MqttSettings settings;
  private final Mqtt5AsyncClient client;
  private final BlockingQueue<Mqtt5Publish> inbox = new LinkedBlockingQueue<>();
  private final Thread worker;
  private volatile boolean running = true;

  private MqttIngress(MqttSettings settings, MqttBatchHandler handler) {
    this.settings = settings;
    Mqtt5ClientBuilder builder =
        Mqtt5Client.builder()
            .identifier(settings.clientId())
            .serverHost(settings.host())
            .serverPort(settings.port())
            .automaticReconnect()
            .initialDelay(200, TimeUnit.MILLISECONDS)
            .maxDelay(settings.maxReconnectDelay().toMillis(), TimeUnit.MILLISECONDS)
            .applyAutomaticReconnect();
    if (settings.username().isPresent()) {
      builder =
          builder
              .simpleAuth()
              .username(settings.username().get())
              .password(settings.password().orElse("").getBytes(StandardCharsets.UTF_8))
              .applySimpleAuth();
    }
    this.client = builder.buildAsync();
    this.worker =
        Thread.ofPlatform()
            .name("mqtt-ingress-" + settings.clientId())
            .daemon()
            .unstarted(() -> drain(settings, handler));
  }

  /**
   * Connects, subscribes and starts handing messages to {@code handler}.
   *
   * @throws IllegalStateException if the broker cannot be reached or refuses the subscription
   */
  public static MqttIngress start(MqttSettings settings, MqttBatchHandler handler) {
    MqttIngress ingress = new MqttIngress(settings, handler);
    // ALL, not SUBSCRIBED: a restarted client receives its session's redeliveries before it has
    // subscribed again, and those count as unsolicited. The callback only queues the message, so
    // it runs on the client's network thread: on the client's default executor it lags behind
    // under load, and the client then walks every delivered but unacknowledged message (a whole
    // batch being stored) for each message that arrives.
    ingress.client.publishes(MqttGlobalPublishFilter.ALL, ingress.inbox::add, Runnable::run, true);
    try {
      ingress
          .client
          .connectWith()
          .cleanStart(false)
          .sessionExpiryInterval(Duration.ofDays(1).toSeconds())
          .restrictions()
          .receiveMaximum(RECEIVE_MAXIMUM)
          .applyRestrictions()
          .send()
          .get(30, TimeUnit.SECONDS);
      List<Mqtt5Subscription> subscriptions = new ArrayList<>();
      for (String topic : settings.topics()) {
        subscriptions.add(
            Mqtt5Subscription.builder().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).build());
      }
      ingress
          .client
          .subscribe(Mqtt5Subscribe.builder().addSubscriptions(subscriptions).build())
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      ingress.close();
      throw new IllegalStateException(
          "Cannot subscribe to MQTT broker " + settings.host() + ":" + settings.port(), e);
    }
    ingress.worker.start();
    return ingress;
  }

  /** The broker subscribed to, as {@code host:port}. */
  public String broker() {
    return settings.host() + ":" + settings.port();
  }

  /** The topic filters subscribed to. */
  public List<String> topics() {
    return settings.topics();
  }

  /** The client identifier, which names the broker's session for this subscription. */
  public String clientId() {
    return settings.clientId();
  }

  /**
   * Whether the client is connected to the broker now. While it is not, it reconnects by itself,
   * and the broker keeps the session's messages for it.
   */
  public boolean connected() {
    return client.getState().isConnected();
  }

  private void drain(MqttSettings settings, MqttBatchHandler handler) {
    List<Mqtt5Publish> batch = new ArrayList<>(settings.maxBatch());
    while (running) {
      try {
        Mqtt5Publish first = inbox.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        inbox.drainTo(batch, settings.maxBatch() - 1);
        handleUntilDone(handler, batch);
        batch.forEach(Mqtt5Publish::acknowledge);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void handleUntilDone(MqttBatchHandler handler, List<Mqtt5Publish> batch)
      throws InterruptedException {
    Instant receivedAt = Instant.now();
    List<MqttMessage> messages =
        batch.stream()
            .map(p -> new MqttMessage(p.getTopic().toString(), p.getPayloadAsBytes(), receivedAt))
            .toList();
    long backoff = 100;
    while (running) {
      try {
        handler.handle(messages);
        return;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        log.warn("Handling {} MQTT messages failed; retrying in {} ms", batch.size(), backoff, e);
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
    throw new InterruptedException("MQTT ingress stopped before the batch was handled");
  }

  /** Stops handing out messages and disconnects; unacknowledged messages stay with the broker. */
  @Override
  public void close() {
    running = false;
    worker.interrupt();
    try {
      client.disconnect().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.debug("MQTT disconnect did not complete cleanly", e);
    }
  }
}
