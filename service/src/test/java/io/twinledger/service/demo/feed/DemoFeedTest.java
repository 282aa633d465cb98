package io.twinledger.service.demo.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twinledger.service.support.TestDatabaseInitializers;
import io.twinledger.twin.simulator.SensorAddress;
import io.twinledger.twin.simulator.Signal;
import io.twinledger.twin.simulator.SimulatedReading;
import io.twinledger.twin.simulator.TwinSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo feed in the real service: embedded PostgreSQL, the real NGSI-LD endpoint over HTTP and a
 * private Mosquitto with its default limits, the service subscribed to it. Two days are fed: the
 * first as bulk files, the second over MQTT, NGSI-LD and small export files, then live.
 *
 * <p>The feed's clock starts just after the last quarterly road survey was published, so that every
 * signal, the surveys too, turns up in two days, and runs {@value #SPEED} times as fast as real
 * time, so that the live phase sends a quarter of an hour's readings in half a minute.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "twinledger.demo.feed.enabled=true",
      "twinledger.demo.bonds.enabled=false",
      "twinledger.demo.village.enabled=false",
      "twinledger.demo.feed.history=P2D",
      "twinledger.demo.feed.tick=PT1S",
      "twinledger.twin.close-every=PT1H",
      "twinledger.twin.mqtt.host=127.0.0.1",
      "twinledger.twin.mqtt.client-id=twinledger-feed-it-${random.uuid}"
    })
@ActiveProfiles("demo")
@ContextConfiguration(initializers = TestDatabaseInitializers.Embedded.class)
@Import(DemoFeedTest.FeedClock.class)
@DirtiesContext
class DemoFeedTest {

  private static final String HISTORY = "bulk:riverton-history-";
  private static final String EXPORT = "bulk:riverton-2";
  private static final String MQTT = "mqtt:127.0.0.1";
  private static final String NGSI_LD = "ngsi-ld:riverton";

  private static final int SPEED = 30;

  /** Five minutes after the last quarterly survey was published, at 18:00 local. */
  private static final Instant STARTED_AT = lastQuarterlySurveyPublication().plusSeconds(300);

  private static final Clock CLOCK = new FastClock(STARTED_AT, SPEED);

  /**
   * How far the clock may run before the feed starts (the service's start-up, at {@value #SPEED}
   * times real time): readings published this close after a boundary may be on either side of it.
   */
  private static final Duration START_UP = Duration.ofHours(1);

  private static Process mosquitto;
  private static int mqttPort;
  private static Path dataDir;

  @Autowired DemoFeed feed;
  @Autowired JdbcClient jdbc;

  @TestConfiguration
  static class FeedClock {
    @Bean(DemoFeed.CLOCK)
    Clock demoFeedClock() {
      return CLOCK;
    }
  }

  @DynamicPropertySource
  static void broker(DynamicPropertyRegistry registry) {
    registry.add("twinledger.twin.mqtt.port", DemoFeedTest::startMosquitto);
    registry.add("twinledger.data-dir", () -> dataDir().toString());
  }

  @AfterAll
  static void stopMosquittoAndCleanUp() throws Exception {
    if (mosquitto != null) {
      mosquitto.destroy();
      mosquitto.waitFor(10, TimeUnit.SECONDS);
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  @Test
  void twoDaysArriveThroughTheirChannelsThenLiveAndARestartFeedsOnlyWhatIsMissing() {
    awaitLive();
    Instant liveFrom = feed.fedUntil().orElseThrow();
    assertThat(liveFrom).isBetween(STARTED_AT, STARTED_AT.plus(START_UP));
    Instant from = STARTED_AT.minus(Duration.ofDays(2)).plus(START_UP);
    Instant replayFrom = STARTED_AT.minus(Duration.ofDays(1));
    Instant to = liveFrom.plus(Duration.ofMinutes(16));
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(() -> assertThat(feed.fedUntil().orElseThrow()).isAfter(to));

    List<SimulatedReading> expected = new TwinSimulator(2016).readings(from, to).toList();
    Map<String, Stored> stored =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> stored(from.minus(Duration.ofDays(2)), to),
                found -> expected.stream().allMatch(r -> found.containsKey(key(r))));

    Map<Signal, List<String>> kinds = new HashMap<>();
    for (SimulatedReading reading : expected) {
      Stored row = stored.get(key(reading));
      assertThat(row.originalValue()).as(key(reading)).isEqualByComparingTo(reading.value());
      assertThat(row.originalUnit()).isEqualTo(reading.signal().unit().name());
      String kind = kind(row.source());
      String live =
          switch (reading.address()) {
            case SensorAddress.BulkSensor sensor -> EXPORT;
            case SensorAddress.MqttTopic topic -> MQTT;
            case SensorAddress.NgsiLdAttribute attribute -> NGSI_LD;
          };
      Instant published = reading.publishedAt();
      if (published.isBefore(replayFrom)) {
        assertThat(kind).as("history: %s", key(reading)).isEqualTo(HISTORY);
      } else if (published.isBefore(replayFrom.plus(START_UP))) {
        assertThat(kind).as("history or replay: %s", key(reading)).isIn(HISTORY, live);
      } else {
        assertThat(kind).as("replay or live: %s", key(reading)).isEqualTo(live);
      }
      List<String> seen = kinds.computeIfAbsent(reading.signal(), s -> new ArrayList<>());
      if (!seen.contains(kind)) {
        seen.add(kind);
      }
    }
    assertThat(kinds).as("every signal was fed").containsOnlyKeys(Signal.values());
    assertThat(kinds.get(Signal.SYSTEM_INPUT_VOLUME)).containsExactlyInAnyOrder(HISTORY, NGSI_LD);
    assertThat(kinds.get(Signal.AXLE_LOAD)).containsExactlyInAnyOrder(HISTORY, MQTT);
    assertThat(kinds.get(Signal.BILLED_CONSUMPTION)).containsExactlyInAnyOrder(HISTORY, EXPORT);
    assertThat(kinds.get(Signal.PCI)).containsExactly(NGSI_LD);
    assertThat(kinds.get(Signal.IRI)).containsExactly(EXPORT);
    assertThat(
            expected.stream()
                .filter(r -> r.publishedAt().isAfter(liveFrom))
                .map(SimulatedReading::signal)
                .distinct())
        .as("sent while live")
        .contains(Signal.SYSTEM_INPUT_VOLUME, Signal.RAINFALL_DEPTH, Signal.RUNOFF_VOLUME);

    Stored nightFlow =
        stored.values().stream()
            .filter(s -> s.kpiId().equals("night-flow") && s.source().equals(NGSI_LD))
            .findFirst()
            .orElseThrow();
    assertThat(nightFlow.unit()).isEqualTo("MQH");
    assertThat(nightFlow.value().multiply(BigDecimal.valueOf(1000)))
        .isEqualByComparingTo(nightFlow.originalValue());
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM reading_quarantine WHERE source LIKE 'bulk:riverton-%'"
                        + " OR source IN (:mqtt, :ngsiLd)")
                .param("mqtt", MQTT)
                .param("ngsiLd", NGSI_LD)
                .query(Long.class)
                .single())
        .as("nothing fed is refused")
        .isZero();
    assertThat(dataDir().resolve("demo-feed"))
        .isDirectoryContaining("glob:**/riverton-history-*.csv");

    long history = count(HISTORY + "%");
    feed.stop();
    assertThat(feed.phase()).isEqualTo(DemoFeed.Phase.STOPPED);
    Instant stoppedAt = feed.fedUntil().orElseThrow();

    assertThat(feed.start()).contains("since the last run");
    awaitLive();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(feed.fedUntil().orElseThrow()).isAfter(stoppedAt));
    assertThat(count(HISTORY + "%")).as("the restart fed no history again").isEqualTo(history);

    feed.close();
    assertThat(feed.start())
        .as("a start after the service began stopping, as a slow loader's would be")
        .isEqualTo("not feeding: the service is stopping");
    assertThat(feed.phase()).isEqualTo(DemoFeed.Phase.STOPPED);
  }

  private void awaitLive() {
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> feed.phase() == DemoFeed.Phase.LIVE);
  }

  private long count(String sourcePattern) {
    return jdbc.sql("SELECT count(*) FROM reading WHERE source LIKE :source")
        .param("source", sourcePattern)
        .query(Long.class)
        .single();
  }

  /** Readings the feed stored, by sensor and observation time. */
  private Map<String, Stored> stored(Instant from, Instant to) {
    Map<String, Stored> rows = new HashMap<>();
    jdbc.sql(
            """
            SELECT source, sensor_id, kpi_id, observed_at, value, unit, original_value, original_unit
            FROM reading
            WHERE observed_at >= :from AND observed_at < :to
              AND (source LIKE 'bulk:riverton-%' OR source IN (:mqtt, :ngsiLd))
            """)
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .param("mqtt", MQTT)
        .param("ngsiLd", NGSI_LD)
        .query(
            (rs, n) ->
                new Stored(
                    rs.getString("source"),
                    rs.getString("sensor_id"),
                    rs.getString("kpi_id"),
                    rs.getTimestamp("observed_at").toInstant(),
                    rs.getBigDecimal("value"),
                    rs.getString("unit"),
                    rs.getBigDecimal("original_value"),
                    rs.getString("original_unit")))
        .list()
        .forEach(row -> rows.put(row.sensorId() + " " + row.observedAt(), row));
    return rows;
  }

  private static String key(SimulatedReading reading) {
    return reading.sensorId() + " " + reading.observedAt();
  }

  private static String kind(String source) {
    if (source.startsWith(HISTORY)) {
      return HISTORY;
    }
    return source.startsWith(EXPORT) ? EXPORT : source;
  }

  /**
   * A clock that starts at a given instant and runs {@code speed} times as fast as real time. It
   * stays in the past, where the service accepts readings.
   */
  private static final class FastClock extends Clock {
    private final Instant start;
    private final long startNanos = System.nanoTime();
    private final int speed;

    FastClock(Instant start, int speed) {
      this.start = start;
      this.speed = speed;
    }

    @Override
    public Instant instant() {
      return start.plusNanos((System.nanoTime() - startNanos) * speed);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the feed reads instants only");
    }
  }

  private record Stored(
      String source,
      String sensorId,
      String kpiId,
      Instant observedAt,
      BigDecimal value,
      String unit,
      BigDecimal originalValue,
      String originalUnit) {}

  /** 18:00 local on the last survey day in January, April, July or October, a day ago or more. */
  private static Instant lastQuarterlySurveyPublication() {
    TwinSimulator generator = new TwinSimulator(2016);
    YearMonth month = YearMonth.now(TwinSimulator.ZONE);
    while (true) {
      if ((month.getMonthValue() - 1) % 3 == 0) {
        LocalDate day = generator.surveyDay(month.getYear(), month.getMonthValue());
        Instant published =
            ZonedDateTime.of(day, LocalTime.of(18, 0), TwinSimulator.ZONE).toInstant();
        if (published.isBefore(Instant.now().minus(Duration.ofDays(1)))) {
          return published;
        }
      }
      month = month.minusMonths(1);
    }
  }

  private static synchronized Path dataDir() {
    if (dataDir == null) {
      try {
        dataDir = Files.createTempDirectory("twinledger-demo-feed-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dataDir;
  }

  /** A Mosquitto of its own, with default limits, so the feed's pacing is what keeps up. */
  private static synchronized int startMosquitto() {
    if (mosquitto != null) {
      return mqttPort;
    }
    Path binary = Path.of("/usr/sbin/mosquitto");
    assumeTrue(Files.isExecutable(binary), "Mosquitto is not installed");
    try (ServerSocket socket = new ServerSocket(0)) {
      mqttPort = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Path config = dataDir().resolve("mosquitto.conf");
      Files.writeString(
          config, "listener " + mqttPort + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
      mosquitto =
          new ProcessBuilder(binary.toString(), "-c", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dataDir().resolve("mosquitto.log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () -> {
              try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", mqttPort), 500);
                return true;
              }
            });
    return mqttPort;
  }
}
