package io.twinledger.service.twin;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Which MQTT broker the service subscribes to, decided from the properties alone, before any bean
 * exists: none without a twin mapping; the broker at {@code twinledger.twin.mqtt.host} when that is
 * set (blank counts as unset); otherwise the embedded one when {@code
 * twinledger.twin.mqtt.embedded} is true.
 */
enum MqttBrokerChoice {
  NONE,
  EXTERNAL,
  EMBEDDED;

  static MqttBrokerChoice of(Environment environment) {
    if (!StringUtils.hasText(environment.getProperty("twinledger.twin.mapping"))) {
      return NONE;
    }
    if (StringUtils.hasText(environment.getProperty("twinledger.twin.mqtt.host"))) {
      return EXTERNAL;
    }
    return environment.getProperty("twinledger.twin.mqtt.embedded", Boolean.class, false)
        ? EMBEDDED
        : NONE;
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
