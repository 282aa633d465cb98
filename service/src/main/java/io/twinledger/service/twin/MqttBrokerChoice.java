package io.twinledger.service.twin;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Which MQTT broker the service subscribes to, decided from the properties alone, before any bean
 * exists: none without a twin mapping; the broker at {@code twinledger.twin.mqtt.host} when that is
 * set (blank counts as unset, as in {@link TwinProperties}); otherwise the embedded one when {@code
 * twinledger.twin.mqtt.embedded} is true.
 */
enum MqttBrokerChoice {
  NONE,
  EXTERNAL,
  EMBEDDED;

  static MqttBrokerChoice of(Environment environment) {
    TwinProperties twin =
        Binder.get(environment).bindOrCreate("twinledger.twin", TwinProperties.class);
    if (twin.mapping().isEmpty()) {
      return NONE;
    }
    if (twin.mqtt().host().isPresent()) {
      return EXTERNAL;
    }
    return twin.mqtt().embedded() ? EMBEDDED : NONE;
  }

  /** Matches when the service subscribes to the broker at {@code twinledger.twin.mqtt.host}. */
  static final class External implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return of(context.getEnvironment()) == EXTERNAL;
    }
  }

  /** Matches when the service starts its own broker and subscribes to it. */
  static final class Embedded implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return of(context.getEnvironment()) == EMBEDDED;
    }
  }
}
