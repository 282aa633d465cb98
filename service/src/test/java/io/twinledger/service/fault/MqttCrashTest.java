package io.twinledger.service.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.twinledger.ledger.store.TestDatabases;
import io.twinledger.service.support.OwnMosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service is killed with SIGKILL in the middle of an MQTT stream of 60,000 QoS 1 readings,
 * while it is behind the stream (so a batch is being stored), the stream goes on while it is down,
 * and it is restarted with the same client id. Every reading the broker acknowledged to the
 * publisher is then stored exactly once, nothing committed before the kill is lost, and publishing
 * the whole stream again changes nothing.
 *
 * <p>The test runs its own Mosquitto ({@link OwnMosquitto}), which keeps every message for the
 * service's persistent session while it is down. Readings go to the Riverton mapping's rain-gauge
 * topics, each with its own observation time, so each is its own idempotency key. The stream is
 * smaller than the client's receive window ({@code MqttIngress.RECEIVE_MAXIMUM}): a larger backlog
 * never drains from Mosquitto 2.0.11, the version on Debian 12 and on CI.
 */
class MqttCrashTest {

  private static final int READINGS = 60_000;

  /** The stream comes in bursts that take the service a while to store, one every period. */
  private static final int BURST = 10_000;

  private static final Duration BURST_PERIOD = Duration.ofSeconds(5);
  private static final int GAUGES = 20;
  private static final Instant FIRST = Instant.parse("2024-03-01T00:00:00Z");
  private static final String TOPIC = "riverton/stormwater/gi-rock-creek-a/";
  private static final String MARKER = TOPIC + "crash-marker/rainfall";
  private static final String SOURCE = "mqtt:127.0.0.1";
  private static final String CLIENT_ID = "twinledger-crash-test";

  /** Selects the stream's readings. */
  private static final String STREAM =
      " WHERE source = '" + SOURCE + "' AND sensor_id LIKE '" + TOPIC + "crash-g%'";

  // Kept when the test fails: the service and broker logs are in it.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private OwnMosquitto broker;
  private Process service;

  @AfterEach
  void stop() throws InterruptedException {
    if (service != null) {
      service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aKilledSubscriberEndsWithEveryAcknowledgedReadingStoredExactlyOnce() throws Exception {
    Path mosquitto = OwnMosquitto.executable().orElse(null);
    assumeTrue(mosquitto != null, "Mosquitto is not installed");
    int brokerPort = DemoProcess.freePort();
    broker = OwnMosquitto.start(mosquitto, dir, brokerPort);
    String db = TestDatabases.freshDatabase(TestDatabases.Target.EMBEDDED);
    int port = DemoProcess.freePort();
    service = start(db, port, brokerPort);

    Mqtt5AsyncClient publisher =
        Mqtt5Client.builder()
            .identifier("crash-test-publisher")
            .serverHost("127.0.0.1")
            .serverPort(brokerPort)
            .buildAsync();
    publisher.connect().get(10, TimeUnit.SECONDS);
    try {
      Publication first = new Publication(publisher);
      CompletableFuture<Void> stream =
          CompletableFuture.runAsync(() -> first.publishAll(BURST_PERIOD));

      // Killed while at least half a batch behind the broker, so it is storing a batch whose
      // messages are not acknowledged yet.
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                long stored = count(db);
                return stored >= READINGS / 10 && first.acknowledged() - stored >= 1_000;
              });
      assertThat(stream).as("the stream is still running at the kill").isNotDone();
      service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      long committed = count(db);
      long lastBatch = single(db, "SELECT coalesce(max(batch_id), 0) FROM reading");
      assertThat(committed).isBetween(1L, READINGS - 1L);

      // Some of the stream is published only while nobody is subscribed: the broker must keep it
      // for the persistent session.
      int ackedAtKill = first.acknowledged();
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> stream.isDone() || first.acknowledged() >= ackedAtKill + READINGS / 20);
      assertThat(first.acknowledged()).isGreaterThan(ackedAtKill);

      service = start(db, port, brokerPort);
      stream.get(2, TimeUnit.MINUTES);
      assertThat(first.refused()).as("publishes the broker did not accept").isZero();
      assertThat(first.acknowledged()).isEqualTo(READINGS);
      // The broker delivers a session's messages in order and MqttIngress stores them in order, so
      // once a marker published after the stream is stored, the whole stream has been handled.
      awaitMarker(publisher, db, 1);
      assertThat(count(db)).isEqualTo(READINGS);
      assertThat(
              single(db, "SELECT count(DISTINCT (sensor_id, observed_at)) FROM reading" + STREAM))
          .isEqualTo(READINGS);
      assertThat(storedIndexes(db)).isEqualTo(first.acknowledgedIndexes());
      assertThat(single(db, "SELECT count(*) FROM reading WHERE batch_id <= " + lastBatch))
          .as("nothing committed before the kill is lost")
          .isEqualTo(committed);

      long batches = single(db, "SELECT count(*) FROM reading_batch");
      Publication second = new Publication(publisher);
      second.publishAll(Duration.ZERO);
      assertThat(second.acknowledged()).isEqualTo(READINGS);
      awaitMarker(publisher, db, 2);
      assertThat(count(db)).as("the second run stores nothing").isEqualTo(READINGS);
      assertThat(single(db, "SELECT count(*) FROM reading_batch"))
          .as("only the marker makes a batch")
          .isEqualTo(batches + 1);
      assertThat(single(db, "SELECT count(*) FROM reading_quarantine")).isZero();
    } finally {
      publisher.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  /** One run of the stream, remembering which publishes the broker acknowledged. */
  private static final class Publication {
    private final Mqtt5AsyncClient client;
    private final BitSet acknowledged = new BitSet(READINGS);
    private final AtomicInteger refused = new AtomicInteger();

    Publication(Mqtt5AsyncClient client) {
      this.client = client;
    }

    /**
     * Publishes every reading, waiting for the broker's answers every 1,000 messages, and starts a
     * burst every {@code period}.
     */
    void publishAll(Duration period) {
      long start = System.nanoTime();
      List<CompletableFuture<?>> window = new ArrayList<>();
      for (int i = 0; i < READINGS; i++) {
        if (i % BURST == 0) {
          LockSupport.parkNanos(start + period.toNanos() * (i / BURST) - System.nanoTime());
        }
        int index = i;
        window.add(
            publish(client, TOPIC + "crash-g" + (i % GAUGES) + "/rainfall", FIRST.plusSeconds(i))
                .whenComplete((result, error) -> record(index, result, error)));
        if (window.size() == 1_000 || i == READINGS - 1) {
          CompletableFuture.allOf(window.toArray(CompletableFuture[]::new))
              .orTimeout(60, TimeUnit.SECONDS)
              .join();
          window.clear();
        }
      }
    }

    /**
     * Only a plain success counts: "no matching subscribers", also a PUBACK, would mean the broker
     * had lost the service's session and dropped the message.
     */
    private void record(int index, Mqtt5PublishResult result, Throwable error) {
      if (error == null
          && result.getError().isEmpty()
          && result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1
          && qos1.getPubAck().getReasonCode() == Mqtt5PubAckReasonCode.SUCCESS) {
        synchronized (acknowledged) {
          acknowledged.set(index);
        }
      } else {
        refused.incrementAndGet();
      }
    }

    int acknowledged() {
      synchronized (acknowledged) {
        return acknowledged.cardinality();
      }
    }

    BitSet acknowledgedIndexes() {
      synchronized (acknowledged) {
        return (BitSet) acknowledged.clone();
      }
    }

    int refused() {
      return refused.get();
    }
  }

  private static CompletableFuture<Mqtt5PublishResult> publish(
      Mqtt5AsyncClient client, String topic, Instant at) {
    String payload =
        "{\"time\": \""
            + at
            + "\", \"depth\": "
            + (at.getEpochSecond() % 50) / 10.0
            + ", \"unit\": \"MMT\"}";
    return client
        .publishWith()
        .topic(topic)
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(payload.getBytes(StandardCharsets.UTF_8))
        .send();
  }

  /** Publishes the {@code n}th marker reading and waits until it is stored. */
  private static void awaitMarker(Mqtt5AsyncClient client, String db, int n) throws Exception {
    Mqtt5PublishResult result =
        publish(client, MARKER, FIRST.minusSeconds(n)).get(10, TimeUnit.SECONDS);
    assertThat(result.getError()).isEmpty();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> single(db, "SELECT count(*) FROM reading WHERE sensor_id = '" + MARKER + "'"),
            markers -> markers == n);
  }

  private Process start(String db, int port, int brokerPort) throws Exception {
    return DemoProcess.start(
        dir,
        db,
        port,
        "--twinledger.twin.mqtt.host=127.0.0.1",
        "--twinledger.twin.mqtt.port=" + brokerPort,
        "--twinledger.twin.mqtt.client-id=" + CLIENT_ID,
        // Only the twin's ingestion is under test: the demo's bonds and village stay out.
        "--twinledger.demo.bonds.enabled=false",
        "--twinledger.demo.village.enabled=false");
  }

  /** The stream's readings stored so far, the markers excluded. */
  private static long count(String db) throws Exception {
    return single(db, "SELECT count(*) FROM reading" + STREAM);
  }

  /** The stream index of every stored reading; a reading stored twice would be counted once. */
  private static BitSet storedIndexes(String db) throws Exception {
    BitSet stored = new BitSet(READINGS);
    try (Connection c = DriverManager.getConnection(db);
        PreparedStatement s = c.prepareStatement("SELECT observed_at FROM reading" + STREAM)) {
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          stored.set(
              Math.toIntExact(
                  rs.getTimestamp(1).toInstant().getEpochSecond() - FIRST.getEpochSecond()));
        }
      }
    }
    return stored;
  }

  private static long single(String db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(db);
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
