package io.twinledger.service.twin;

import io.twinledger.service.TwinLedgerProperties;
import io.twinledger.service.twin.broker.LocalMqttBroker;
import io.twinledger.twin.ingest.Ingestion;
import io.twinledger.twin.ingest.IngestionListener;
import io.twinledger.twin.ingest.QualityDefaults;
import io.twinledger.twin.mapping.InvalidMappingException;
import io.twinledger.twin.mapping.MappingConfig;
import io.twinledger.twin.mapping.TopicFilter;
import io.twinledger.twin.mqtt.MqttIngress;
import io.twinledger.twin.mqtt.MqttSettings;
import io.twinledger.twin.ngsild.NotificationParser;
import io.twinledger.twin.reading.BatchDigestListener;
import io.twinledger.twin.store.IngestionActivity;
import io.twinledger.twin.store.PeriodBook;
import io.twinledger.twin.store.ReadingStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wires the twin adapter: the reading store on the service's PostgreSQL and, when a mapping is
 * configured, the ingestion pipeline and the MQTT subscription ({@link MqttBrokerChoice}). An
 * invalid mapping stops the start with every problem named.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TwinProperties.class)
@EnableScheduling
public class TwinConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TwinConfiguration.class);

  /** Messages stored per transaction: large enough for throughput, small enough for latency. */
  private static final int MQTT_BATCH = 2_000;

  /**
   * Each stored batch goes to the {@link BatchDigestListener}, the audit log's, and then to the
   * pages listening for readings ({@link LiveReadings}), which only note its assets.
   */
  @Bean
  ReadingStore readingStore(
      DataSource dataSource, BatchDigestListener batchDigests, LiveReadings live) {
    return new ReadingStore(
        dataSource,
        (batchId, batch) -> {
          batchDigests.batchStored(batchId, batch);
          live.stored(batch);
        });
  }

  @Bean
  IngestionActivity ingestionActivity(DataSource dataSource) {
    return new IngestionActivity(dataSource);
  }

  /** One set of quality thresholds for ingestion and for the coverage of closed periods. */
  @Bean
  QualityDefaults qualityDefaults(TwinProperties properties) {
    return QualityDefaults.standard().withEarliestObservation(properties.earliestObservation());
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
      QualityDefaults qualityDefaults,
      IngestionListener metrics) {
    return new Ingestion(
        mapping,
        store,
        new NotificationParser(properties.maxNotificationBytes(), properties.maxEntities()),
        qualityDefaults,
        Clock.systemUTC(),
        metrics);
  }

  /** Subscribes to the broker at {@code twinledger.twin.mqtt.host}. */
  @Bean(destroyMethod = "close")
  @Conditional(MqttBrokerChoice.External.class)
  MqttIngress mqttIngress(TwinProperties properties, MappingConfig mapping, Ingestion ingestion) {
    TwinProperties.Mqtt mqtt = properties.mqtt();
    return subscribe(mqtt, mqtt.host().orElseThrow(), mqtt.port(), mapping, ingestion);
  }

  /**
   * The embedded broker, when no host is set and {@code twinledger.twin.mqtt.embedded} is true. Its
   * state is in {@code <data-dir>/mqtt}, so messages queued for the service's session survive a
   * restart. HiveMQ takes seconds to start; meanwhile the rest of the service is wired, and only
   * the subscription below waits for it.
   */
  @Bean(destroyMethod = "close")
  @Conditional(MqttBrokerChoice.Embedded.class)
  LocalMqttBroker localMqttBroker(TwinProperties properties, TwinLedgerProperties service) {
    int port = properties.mqtt().embeddedPort();
    try {
      return LocalMqttBroker.starting(service.dataDir().resolve("mqtt").toAbsolutePath(), port);
    } catch (BindException e) {
      // No cause: the command line prints the innermost message, and this one says what to do.
      throw new IllegalStateException(
          "Port "
              + port
              + " on "
              + LocalMqttBroker.HOST
              + " for the embedded MQTT broker is already in use; set"
              + " twinledger.twin.mqtt.embedded-port to a free port, or twinledger.twin.mqtt.host"
              + " to subscribe to a running broker instead");
    }
  }

  /**
   * Subscribes to the embedded broker once it has started, in the background (Spring waits for it
   * before the service counts as started). Taking the broker as a parameter makes Spring close this
   * ingress (disconnecting it) before the broker stops.
   */
  @Bean(destroyMethod = "close", bootstrap = Bean.Bootstrap.BACKGROUND)
  @Conditional(MqttBrokerChoice.Embedded.class)
  MqttIngress embeddedMqttIngress(
      LocalMqttBroker broker,
      TwinProperties properties,
      MappingConfig mapping,
      Ingestion ingestion) {
    broker.awaitStarted();
    return subscribe(properties.mqtt(), broker.host(), broker.port(), mapping, ingestion);
  }

  private static MqttIngress subscribe(
      TwinProperties.Mqtt mqtt, String host, int port, MappingConfig mapping, Ingestion ingestion) {
    List<String> topics = mapping.topicFilters().stream().map(TopicFilter::filter).toList();
    String source = "mqtt:" + host;
    log.info("Subscribing to {} on MQTT broker {}:{}", topics, host, port);
    return MqttIngress.start(
        new MqttSettings(
            host,
            port,
            mqtt.clientId(),
            topics,
            mqtt.username(),
            mqtt.password(),
            MQTT_BATCH,
            Duration.ofSeconds(30)),
        messages -> ingestion.mqtt(source, messages));
  }
}
