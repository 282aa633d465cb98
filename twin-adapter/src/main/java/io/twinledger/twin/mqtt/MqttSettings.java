package io.twinledger.twin.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and what to subscribe to.
 *
 * @param clientId stable client identifier: the broker keeps this client's session, so messages
 *     published while TwinLedger is down are delivered when it reconnects
 * @param topics topic filters, MQTT wildcards allowed, subscribed at QoS 1
 * @param maxBatch messages handed to the handler at most at once
 * @param maxReconnectDelay upper bound of the exponential reconnect backoff
 */
public record MqttSettings(
    String host,
    int port,
    String clientId,
    List<String> topics,
    Optional<String> username,
    Optional<String> password,
    int maxBatch,
    Duration maxReconnectDelay) {

  public MqttSettings {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank");
    }
    topics = List.copyOf(topics);
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("at least one topic is needed");
    }
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    Objects.requireNonNull(maxReconnectDelay, "maxReconnectDelay");
  }
}
