package io.twinledger.twin.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MQTT topics that feed one asset.
 *
 * @param filter the topics
 * @param assetId the asset
 * @param observedAt where each payload gives the observation time
 * @param fields the values each payload carries, in configuration order
 */
record MqttSource(
    TopicFilter filter, String assetId, PayloadPath observedAt, List<PayloadField> fields) {

  MqttSource {
    fields = List.copyOf(fields);
  }

  /**
   * How to read a message published to {@code topic}. The topic is the sensor id of a source with
   * one attribute; with several, each value is its own time series, {@code topic/attribute}, so
   * that a station publishing rain and level in one payload stores both.
   */
  TopicRoute route(String topic) {
    List<PayloadReading> readings = new ArrayList<>(fields.size());
    for (PayloadField field : fields) {
      String sensorId = fields.size() == 1 ? topic : topic + "/" + field.attribute();
      readings.add(
          new PayloadReading(
              field.value(),
              field.unitCode(),
              new ReadingTarget(assetId, sensorId, field.attribute(), field.binding())));
    }
    return new TopicRoute(topic, filter, observedAt, readings);
  }

  /**
   * One configured value of the payload.
   *
   * @param attribute the name it is configured under
   * @param value where it is
   * @param unitCode where its unit code is, if the payload states one
   * @param binding the KPI it feeds
   */
  record PayloadField(
      String attribute, PayloadPath value, Optional<PayloadPath> unitCode, KpiBinding binding) {}
}
