package io.twinledger.twin.mapping;

import java.util.List;
import java.util.Objects;

/**
 * How to read a message published to one MQTT topic.
 *
 * @param topic the concrete topic the message was published to; the sensor id of its readings is
 *     the topic, or {@code topic/attribute} when the source maps several attributes
 * @param filter the configured filter it matched
 * @param observedAt where the payload gives the observation time (ISO 8601 with offset). MQTT
 *     carries no timestamp of its own, and the time of receipt is not evidence of when something
 *     was measured, so this is required
 * @param readings the values to take from the payload, in configuration order
 */
public record TopicRoute(
    String topic, TopicFilter filter, PayloadPath observedAt, List<PayloadReading> readings) {

  public TopicRoute {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(observedAt, "observedAt");
    readings = List.copyOf(readings);
  }
}
