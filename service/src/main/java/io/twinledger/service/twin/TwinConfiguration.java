package io.twinledger.service.twin;

import io.twinledger.twin.ingest.Ingestion;
import io.twinledger.twin.ingest.QualityDefaults;
import io.twinledger.twin.mapping.InvalidMappingException;
import io.twinledger.twin.mapping.MappingConfig;
import io.twinledger.twin.mapping.TopicFilter;
import io.twinledger.twin.mqtt.MqttIngress;
import io.twinledger.twin.mqtt.MqttSettings;
import io.twinledger.twin.ngsild.NotificationParser;
import io.twinledger.twin.store.PeriodBook;
import io.twinledger.twin.store.ReadingStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wires the twin adapter: the reading store on the service's PostgreSQL and, when a mapping is
 * configured, the ingestion pipeline. An invalid mapping stops the start with every problem named.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TwinProperties.class)
@EnableScheduling
public class TwinConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TwinConfiguration.class);

  /** Messages stored per transaction: large enough for throughput, small enough for latency. */
  private static final int MQTT_BATCH = 2_000;

  @Bean
  ReadingStore readingStore(DataSource dataSource) {
    return new ReadingStore(
        dataSource,
        (batchId, batch) ->
            log.debug(
                "Stored reading batch {} ({} readings, sha256 {})",
                batchId,
                batch.readings().size(),
                batch.digestHex()));
  }

  /** One set of quality thresholds for ingestion and for the coverage of closed periods. */
  @Bean
  QualityDefaults qualityDefaults() {
    return QualityDefaults.standard();
  }

  @Bean
  PeriodBook periodBook(DataSource dataSource) {
    return new PeriodBook(dataSource);
  }

  @Bean
  @ConditionalOnProperty("twinledger.twin.mapping")
  MappingConfig twinMapping(TwinProperties properties, ResourceLoader resources)
      throws IOException {
    String location = properties.mapping().orElseThrow();
    Resource resource = resources.getResource(location);
    try (InputStream in = resource.getInputStream()) {
      return MappingConfig.load(in);
    } catch (InvalidMappingException e) {
      throw new IllegalStateException(
          "Twin mapping " + location + " is invalid: " + e.getMessage());
    }
  }

  @Bean
  @ConditionalOnProperty("twinledger.twin.mapping")
  Ingestion ingestion(
      TwinProperties properties,
      MappingConfig mapping,
      ReadingStore store,
      QualityDefaults qualityDefaults) {
    return new Ingestion(
        mapping,
        store,
        new NotificationParser(properties.maxNotificationBytes(), properties.maxEntities()),
        qualityDefaults,
        Clock.systemUTC());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty({"twinledger.twin.mapping", "twinledger.twin.mqtt.host"})
  MqttIngress mqttIngress(TwinProperties properties, MappingConfig mapping, Ingestion ingestion) {
    TwinProperties.Mqtt mqtt = properties.mqtt();
    String host = mqtt.host().orElseThrow();
    List<String> topics = mapping.topicFilters().stream().map(TopicFilter::filter).toList();
    String source = "mqtt:" + host;
    log.info("Subscribing to {} on MQTT broker {}:{}", topics, host, mqtt.port());
    return MqttIngress.start(
        new MqttSettings(
            host,
            mqtt.port(),
            mqtt.clientId(),
            topics,
            mqtt.username(),
            mqtt.password(),
            MQTT_BATCH,
            Duration.ofSeconds(30)),
        messages -> ingestion.mqtt(source, messages));
  }
}
