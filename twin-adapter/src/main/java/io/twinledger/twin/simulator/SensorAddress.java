package io.twinledger.twin.simulator;

import java.util.Objects;

/**
 * Where a signal's readings come from on its live channel; the kind of address is that channel. The
 * sensor id follows the mapping's convention for that channel, and bulk history rows use the same
 * sensor id, so a sensor's history and its live readings line up in the readings API.
 */
public sealed interface SensorAddress {

  /** The sensor id the ingestion pipeline will give the reading. */
  String sensorId();

  /** An MQTT topic; the topic is the sensor id. */
  record MqttTopic(String topic) implements SensorAddress {
    public MqttTopic {
      Objects.requireNonNull(topic, "topic");
    }

    @Override
    public String sensorId() {
      return topic;
    }
  }

  /** An attribute of an NGSI-LD entity; the sensor id is {@code entityId/attribute}. */
  record NgsiLdAttribute(String entityId, String entityType, String attribute)
      implements SensorAddress {
    public NgsiLdAttribute {
      Objects.requireNonNull(entityId, "entityId");
      Objects.requireNonNull(entityType, "entityType");
      Objects.requireNonNull(attribute, "attribute");
    }

    @Override
    public String sensorId() {
      return entityId + "/" + attribute;
    }
  }

  /** The sensor column of a bulk file. */
  record BulkSensor(String sensorId) implements SensorAddress {
    public BulkSensor {
      Objects.requireNonNull(sensorId, "sensorId");
    }
  }
}
