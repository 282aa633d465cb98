package io.twinledger.twin.mqtt;

import java.time.Instant;

/** A message as it arrived: topic, raw payload bytes and arrival time. */
public record MqttMessage(String topic, byte[] payload, Instant receivedAt) {}
