package io.twinledger.twin.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MQTT topics that feed one asset, or, with a topic pattern whose named group {@code asset} takes
 * the asset from the topic, one asset per topic (a meter per household, say).
 *
 * @param filter the topics subscribed to
 * @param topicPattern a regular expression the whole topic must also match, if any
 * @param assetId the asset, or empty to take it from {@code topicPattern}'s group {@code asset}
 * @param observedAt where each payload gives the observation time
 * @param fields the values each payload carries, in configuration order
 */
record MqttSource(
    TopicFilter filter,
    Optional<Pattern> topicPattern,
    Optional<String> assetId,
    PayloadPath observedAt,
    List<PayloadField> fields) {

  static final String ASSET_GROUP = "asset";

  MqttSource {
    fields = List.copyOf(fields);
  }

  /**
   * How to read a message published to {@code topic}, if this source covers it: the filter must
   * match, and the pattern too when there is one. The topic is the sensor id of a source with one
   * attribute; with several, each value is its own time series, {@code topic/attribute}, so that a
   * station publishing rain and level in one payload stores both.
   */
  Optional<TopicRoute> route(String topic) {
    if (!filter.matches(topic)) {
      return Optional.empty();
    }
    Optional<String> asset = assetFor(topic);
    if (asset.isEmpty()) {
      return Optional.empty();
    }
    List<PayloadReading> readings = new ArrayList<>(fields.size());
    for (PayloadField field : fields) {
      String sensorId = fields.size() == 1 ? topic : topic + "/" + field.attribute();
      readings.add(
          new PayloadReading(
              field.value(),
              field.unitCode(),
              new ReadingTarget(asset.get(), sensorId, field.attribute(), field.binding())));
    }
    return Optional.of(new TopicRoute(topic, filter, observedAt, readings));
  }

  private Optional<String> assetFor(String topic) {
    if (topicPattern.isEmpty()) {
      return assetId;
    }
    Matcher matcher = topicPattern.get().matcher(topic);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    if (assetId.isPresent()) {
      return assetId;
    }
    // As with an NGSI-LD idPattern: a group that took no part in the match, or captured something
    // that is no asset id, maps nothing rather than inventing an asset.
    return Optional.ofNullable(matcher.group(ASSET_GROUP))
        .filter(asset -> MappingReader.ASSET_ID.matcher(asset).matches());
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
