package io.twinledger.service.twin;

import io.twinledger.twin.mapping.MappingConfig;
import io.twinledger.twin.mqtt.MqttIngress;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where twin data comes from: whether a mapping is configured, the MQTT subscription of this
 * service and whether it is connected, and the NGSI-LD subscriptions it created on brokers.
 */
@Component
public class TwinSubscriptions {

  /** The MQTT subscription: broker, client id (the broker's session), topics, connected now. */
  public record Mqtt(String broker, String clientId, List<String> topics, boolean connected) {}

  /**
   * The subscriptions as they are now.
   *
   * @param mapped whether a twin mapping is configured; without one, nothing is accepted
   */
  public record Overview(
      boolean mapped, List<Mqtt> mqtt, List<NgsiLdSubscriptions.Subscription> ngsiLd) {}

  private final ObjectProvider<MappingConfig> mapping;
  private final ObjectProvider<MqttIngress> mqtt;
  private final NgsiLdSubscriptions ngsiLd;

  public TwinSubscriptions(
      ObjectProvider<MappingConfig> mapping,
      ObjectProvider<MqttIngress> mqtt,
      NgsiLdSubscriptions ngsiLd) {
    this.mapping = mapping;
    this.mqtt = mqtt;
    this.ngsiLd = ngsiLd;
  }

  public Overview now() {
    return new Overview(
        mapping.getIfAvailable() != null,
        mqtt.orderedStream()
            .map(m -> new Mqtt(m.broker(), m.clientId(), m.topics(), m.connected()))
            .toList(),
        ngsiLd.created());
  }
}
