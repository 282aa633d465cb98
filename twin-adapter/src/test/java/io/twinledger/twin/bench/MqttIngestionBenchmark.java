package io.twinledger.twin.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.reactivex.Flowable;
import io.twinledger.twin.ingest.Ingestion;
import io.twinledger.twin.ingest.QualityDefaults;
import io.twinledger.twin.mapping.MappingConfig;
import io.twinledger.twin.mqtt.MqttBatchHandler;
import io.twinledger.twin.mqtt.MqttIngress;
import io.twinledger.twin.mqtt.MqttSettings;
import io.twinledger.twin.mqtt.OwnMosquitto;
import io.twinledger.twin.ngsild.NotificationParser;
import io.twinledger.twin.store.ReadingStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * MQTT messages per second through a Mosquitto of the benchmark's own into PostgreSQL: first with a
 * handler that stores nothing (what broker and client deliver, the baseline), then through the
 * ingestion pipeline, each message acknowledged only after its batch is stored, and last a raw
 * {@code COPY} of the same readings into a table of {@code reading}'s shape (the database's
 * baseline). Two feeds: the Riverton rain gauges (one reading per message) and weather stations
 * publishing rain and creek level in one payload (two readings per message).
 *
 * <p>Publishers, broker, subscriber and PostgreSQL share the machine. {@value #PUBLISHERS}
 * connections publish at QoS 1 through the HiveMQ client's reactive API, which keeps as many
 * messages in flight as the broker allows and writes them in batches; every topic is published by
 * one connection, so each sensor's messages arrive in order. Warm-up rounds come first, until the
 * JIT has compiled the client, the pipeline and the store.
 */
@Tag("benchmark")
class MqttIngestionBenchmark {

  /**
   * Per round. Rounds of 100,000 broke down: once the subscriber was some 65,000 messages behind,
   * the broker reused packet identifiers still in flight, the client dropped the connection and
   * everything unacknowledged was delivered again, over and over (Mosquitto 2.0.11, HiveMQ client
   * 1.4.1).
   */
  private static final int MESSAGES = 50_000;

  private static final int PUBLISHERS = 4;
  private static final int TOPICS = 20;

  private static final String STATIONS =
      """
      version: 1
      sources:
        - mqtt: {topic: riverton/stormwater/gi-rock-creek-a/+/station, observedAt: /time}
          asset: gi-rock-creek-a
          attributes:
            rain: {kpi: rainfall-depth, unit: MMT, sourceUnit: MMT, range: {min: 0, max: 300}}
            level: {kpi: creek-level, unit: MTR, sourceUnit: MTR, range: {min: 0, max: 10}}
      """;

  private static int port;
  private static CpuClock cpu;
  private static int round;

  /** A feed: its topics, the subscription's filter, and the payload of message {@code i}. */
  private record Feed(String name, String filter, boolean station) {
    int readingsPerMessage() {
      return station ? 2 : 1;
    }

    String topic(String run, int i) {
      return filter.replace("+", "bench-" + run + "-" + i % TOPICS);
    }

    byte[] payload(Instant observedAt, int i) {
      String value = "0." + (i % 9 + 1);
      return (station
              ? "{\"time\": \""
                  + observedAt
                  + "\", \"rain\": "
                  + value
                  + ", \"level\": 1."
                  + i % 7
                  + "}"
              : "{\"time\": \"" + observedAt + "\", \"depth\": " + value + ", \"unit\": \"MMT\"}")
          .getBytes(StandardCharsets.UTF_8);
    }
  }

  @Test
  void messagesPerSecondReceivedAndStored() throws Exception {
    assumeTrue(OwnMosquitto.installed(), "Mosquitto is not installed");
    // No limit on the queue, so that nothing published is dropped while the subscriber is behind;
    // a finite one in flight, see MqttIngressFlowControlTest.
    try (OwnMosquitto broker =
        OwnMosquitto.start("max_queued_messages 0", "max_inflight_messages 20000")) {
      port = broker.port();
      measure(broker.pid());
    }
  }

  private static void measure(long brokerPid) throws Exception {
    DataSource db = BenchDatabase.fresh();
    BenchDatabase.createRawReadingTable(db);
    cpu = CpuClock.of(db).withBroker(brokerPid);
    MappingConfig riverton;
    try (InputStream in =
        MqttIngestionBenchmark.class.getResourceAsStream("/mapping/riverton.yaml")) {
      riverton = MappingConfig.load(in);
    }
    Ingestion gauges = ingestion(db, riverton);
    Ingestion stations =
        ingestion(
            db,
            MappingConfig.load(
                new ByteArrayInputStream(STATIONS.getBytes(StandardCharsets.UTF_8))));
    Feed gauge = new Feed("gauges", "riverton/stormwater/gi-rock-creek-a/+/rainfall", false);
    Feed station = new Feed("stations", "riverton/stormwater/gi-rock-creek-a/+/station", true);

    // Fewer warm-up rounds left the JIT compiling for about a second of each timed round.
    for (int w = 0; w < 2; w++) {
      pipeline(gauge, gauges);
      pipeline(station, stations);
      baseline(gauge);
      rawCopy(db, gauge);
    }

    List<String> lines = new ArrayList<>();
    for (Feed feed : List.of(gauge, station)) {
      Result baseline = baseline(feed);
      Result stored = pipeline(feed, feed == gauge ? gauges : stations);
      double readings = stored.messagesPerSecond() * feed.readingsPerMessage();
      double copy = rawCopy(db, feed);
      lines.add(
          String.format(
              Locale.ROOT,
              "MQTT %s (%d reading(s) per message): received without storing %,.0f msg/s (%s);"
                  + " stored through the pipeline %,.0f msg/s = %,.0f readings/s (%s);"
                  + " ratio to receiving %.2f; raw COPY of the same readings %,.0f rows/s,"
                  + " ratio %.2f",
              feed.name(),
              feed.readingsPerMessage(),
              baseline.messagesPerSecond(),
              baseline.cpu(),
              stored.messagesPerSecond(),
              readings,
              stored.cpu(),
              stored.messagesPerSecond() / baseline.messagesPerSecond(),
              copy,
              readings / copy));
    }
    lines.forEach(System.out::println);
  }

  /** Rows per second of one raw COPY of the readings a round of {@code feed} stores. */
  private static double rawCopy(DataSource db, Feed feed) throws Exception {
    Instant t0 = Instant.parse("2001-01-01T00:00:00Z").plus(Duration.ofDays(400L * round++));
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < MESSAGES; i++) {
      String topic = feed.topic("raw", i);
      Instant observedAt = t0.plusSeconds(60L * (i / TOPICS));
      String rain = "0." + (i % 9 + 1);
      if (feed.station()) {
        rawRow(rows, topic + "/rain", observedAt, "rainfall-depth", rain, "MMT");
        rawRow(rows, topic + "/level", observedAt, "creek-level", "1." + i % 7, "MTR");
      } else {
        rawRow(rows, topic, observedAt, "rainfall-depth", rain, "MMT");
      }
    }
    long count = (long) MESSAGES * feed.readingsPerMessage();
    long start = System.nanoTime();
    BenchDatabase.copyRaw(db, rows.toString());
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private static void rawRow(
      StringBuilder rows, String sensor, Instant at, String kpi, String value, String unit) {
    rows.append("mqtt:raw,")
        .append(sensor)
        .append(',')
        .append(at)
        .append(",gi-rock-creek-a,")
        .append(kpi)
        .append(',')
        .append(value)
        .append(',')
        .append(unit)
        .append(',')
        .append(value)
        .append(',')
        .append(unit)
        .append(",{},1\n");
  }

  private static Ingestion ingestion(DataSource db, MappingConfig mapping) {
    return new Ingestion(
        mapping,
        new ReadingStore(db, (id, batch) -> {}),
        new NotificationParser(1 << 20, 1_000),
        QualityDefaults.standard(),
        Clock.systemUTC());
  }

  private record Result(double messagesPerSecond, String cpu) {}

  private static Result baseline(Feed feed) throws Exception {
    AtomicLong received = new AtomicLong();
    return run(feed, batch -> received.addAndGet(batch.size()), received, MESSAGES);
  }

  private static Result pipeline(Feed feed, Ingestion ingestion) throws Exception {
    AtomicLong stored = new AtomicLong();
    return run(
        feed,
        batch -> stored.addAndGet(ingestion.mqtt("mqtt:bench", batch).stored()),
        stored,
        (long) MESSAGES * feed.readingsPerMessage());
  }

  private static Result run(Feed feed, MqttBatchHandler handler, AtomicLong done, long expected)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    MqttSettings settings =
        new MqttSettings(
            "127.0.0.1",
            port,
            "bench-" + run,
            List.of(feed.filter()),
            Optional.empty(),
            Optional.empty(),
            2_000,
            Duration.ofSeconds(5));
    // Each round observes its own years, so that no reading repeats an earlier round's key.
    Instant t0 = Instant.parse("2001-01-01T00:00:00Z").plus(Duration.ofDays(400L * round++));
    List<byte[]> payloads = new ArrayList<>(MESSAGES);
    for (int i = 0; i < MESSAGES; i++) {
      payloads.add(feed.payload(t0.plusSeconds(60L * (i / TOPICS)), i));
    }
    List<Mqtt5AsyncClient> publishers = new ArrayList<>();
    for (int p = 0; p < PUBLISHERS; p++) {
      Mqtt5AsyncClient publisher =
          Mqtt5Client.builder()
              .identifier("bench-pub-" + run + "-" + p)
              .serverHost("127.0.0.1")
              .serverPort(port)
              .buildAsync();
      publisher.connect().get(10, TimeUnit.SECONDS);
      publishers.add(publisher);
    }
    ExecutorService publishing = Executors.newFixedThreadPool(PUBLISHERS);
    try (MqttIngress ingress = MqttIngress.start(settings, handler)) {
      CpuClock.Sample before = cpu.sample();
      long start = System.nanoTime();
      List<Future<?>> sent = new ArrayList<>();
      for (int p = 0; p < PUBLISHERS; p++) {
        int publisher = p;
        sent.add(
            publishing.submit(
                () -> publish(feed, run, publishers.get(publisher), publisher, payloads)));
      }
      for (Future<?> future : sent) {
        future.get(5, TimeUnit.MINUTES);
      }
      while (done.get() < expected) {
        if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(5)) {
          throw new IllegalStateException("only " + done.get() + " of " + expected + " arrived");
        }
        Thread.sleep(5);
      }
      double rate = MESSAGES / ((System.nanoTime() - start) / 1e9);
      return new Result(rate, cpu.sample().perItem(before, MESSAGES, "message"));
    } finally {
      publishing.shutdown();
      for (Mqtt5AsyncClient publisher : publishers) {
        publisher.disconnect().get(10, TimeUnit.SECONDS);
      }
      endSession(settings.clientId());
    }
  }

  /**
   * Ends the persistent session the ingress leaves behind, or the broker would go on queueing the
   * later rounds' messages for it, since every round's subscription matches every round's topics.
   */
  private static void endSession(String clientId) throws Exception {
    Mqtt5AsyncClient client =
        Mqtt5Client.builder()
            .identifier(clientId)
            .serverHost("127.0.0.1")
            .serverPort(port)
            .buildAsync();
    client.connectWith().cleanStart(true).sessionExpiryInterval(0).send().get(10, TimeUnit.SECONDS);
    client.disconnect().get(10, TimeUnit.SECONDS);
  }

  /** Publishes the messages of the topics that belong to {@code publisher}, in order. */
  private static Void publish(
      Feed feed, String run, Mqtt5AsyncClient client, int publisher, List<byte[]> payloads) {
    long acknowledged =
        client
            .toRx()
            .publish(
                Flowable.range(0, payloads.size())
                    .filter(i -> i % TOPICS % PUBLISHERS == publisher)
                    .map(
                        i ->
                            Mqtt5Publish.builder()
                                .topic(feed.topic(run, i))
                                .qos(MqttQos.AT_LEAST_ONCE)
                                .payload(payloads.get(i))
                                .build()))
            .count()
            .blockingGet();
    if (acknowledged != payloads.size() / PUBLISHERS) {
      throw new IllegalStateException(acknowledged + " publishes acknowledged");
    }
    return null;
  }
}
