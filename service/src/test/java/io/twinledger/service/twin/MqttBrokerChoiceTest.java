package io.twinledger.service.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Which broker the service subscribes to, from the properties as Spring Boot binds them. */
class MqttBrokerChoiceTest {

  private static final String MAPPING = "classpath:twin/riverton-mapping.yaml";

  @Test
  void withoutAMappingThereIsNoBroker() {
    assertThat(choice(Map.of("twinledger.twin.mqtt.embedded", "true")))
        .isEqualTo(MqttBrokerChoice.NONE);
    assertThat(choice(Map.of("twinledger.twin.mqtt.host", "localhost")))
        .isEqualTo(MqttBrokerChoice.NONE);
  }

  @Test
  void aConfiguredHostWinsOverTheEmbeddedBroker() {
    assertThat(
            choice(
                Map.of(
                    "twinledger.twin.mapping", MAPPING,
                    "twinledger.twin.mqtt.host", "localhost",
                    "twinledger.twin.mqtt.embedded", "true")))
        .isEqualTo(MqttBrokerChoice.EXTERNAL);
  }

  @Test
  void withoutAHostTheEmbeddedBrokerRunsOnlyWhenAskedFor() {
    assertThat(
            choice(
                Map.of(
                    "twinledger.twin.mapping", MAPPING,
                    "twinledger.twin.mqtt.host", " ",
                    "twinledger.twin.mqtt.embedded", "true")))
        .isEqualTo(MqttBrokerChoice.EMBEDDED);
    assertThat(choice(Map.of("twinledger.twin.mapping", MAPPING))).isEqualTo(MqttBrokerChoice.NONE);
  }

  @Test
  void environmentVariablesCountLikeProperties() {
    StandardEnvironment environment = environmentOfTheTestOnly();
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(
                    "TWINLEDGER_TWIN_MAPPING", MAPPING, "TWINLEDGER_TWIN_MQTT_EMBEDDED", "true")));
    assertThat(MqttBrokerChoice.of(environment)).isEqualTo(MqttBrokerChoice.EMBEDDED);
  }

  private static MqttBrokerChoice choice(Map<String, Object> properties) {
    StandardEnvironment environment = environmentOfTheTestOnly();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return MqttBrokerChoice.of(environment);
  }

  /** Without this JVM's system properties and environment variables, which could name a broker. */
  private static StandardEnvironment environmentOfTheTestOnly() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    return environment;
  }
}
