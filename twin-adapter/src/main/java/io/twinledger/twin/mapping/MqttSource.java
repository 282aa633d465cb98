package io.twinledger.twin.mapping;

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

  TopicRoute route(String topic) {
    List<PayloadReading> readings =
        fields.stream()
            .map(
                field ->
                    new PayloadReading(
                        field.value(),
                        field.unitCode(),
                        new ReadingTarget(assetId, topic, field.attribute(), field.binding())))
            .toList();
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
