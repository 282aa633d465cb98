package io.twinledger.twin.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.twinledger.twin.ingest.Ingestion;
import io.twinledger.twin.ingest.QualityDefaults;
import io.twinledger.twin.mapping.MappingConfig;
import io.twinledger.twin.mqtt.MqttBatchHandler;
import io.twinledger.twin.mqtt.MqttIngress;
import io.twinledger.twin.mqtt.MqttSettings;
import io.twinledger.twin.ngsild.NotificationParser;
import io.twinledger.twin.store.ReadingStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * MQTT readings per second through the real Mosquitto on 127.0.0.1:1883 into PostgreSQL: first with
 * a handler that stores nothing (what broker and client deliver, the baseline), then through the
 * ingestion pipeline, each message acknowledged only after its batch is stored.
 */
@Tag("benchmark")
class MqttIngestionBenchmark {

  private static final int MESSAGES = 50_000;

  private static int port;

  @Test
  void messagesPerSecondReceivedAndStored() throws Exception {
    Path mosquitto = Path.of("/usr/sbin/mosquitto");
    assumeTrue(Files.isExecutable(mosquitto), "Mosquitto is not installed");
    port = freePort();
    Path config = Files.createTempFile("twinledger-bench-mosquitto", ".conf");
    Files.writeString(
        config,
        "listener "
            + port
            + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
            + "max_queued_messages 0\nmax_inflight_messages 0\n");
    Process broker =
        new ProcessBuilder(mosquitto.toString(), "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      awaitPort();
      measure();
    } finally {
      broker.destroy();
      broker.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(config);
    }
  }

  private static void measure() throws Exception {
    MappingConfig mapping;
    try (InputStream in =
        MqttIngestionBenchmark.class.getResourceAsStream("/mapping/riverton.yaml")) {
      mapping = MappingConfig.load(in);
    }
    Ingestion ingestion =
        new Ingestion(
            mapping,
            new ReadingStore(BenchDatabase.fresh(), (id, batch) -> {}),
            new NotificationParser(1 << 20, 1_000),
            QualityDefaults.standard(),
            Clock.systemUTC());

    AtomicLong received = new AtomicLong();
    double baseline = run(batch -> received.addAndGet(batch.size()), received, 0);
    AtomicLong stored = new AtomicLong();
    double pipeline =
        run(batch -> stored.addAndGet(ingestion.mqtt("mqtt:bench", batch).stored()), stored, 1);
    System.out.printf(
        Locale.ROOT,
        "MQTT received without storing: %,.0f msg/s; stored through the pipeline: %,.0f"
            + " readings/s; ratio %.2f%n",
        baseline,
        pipeline,
        pipeline / baseline);
  }

  private static double run(MqttBatchHandler handler, AtomicLong done, int round) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String prefix = "riverton/stormwater/gi-rock-creek-a/bench-" + run + "-";
    MqttSettings settings =
        new MqttSettings(
            "127.0.0.1",
            port,
            "bench-" + run,
            List.of("riverton/stormwater/gi-rock-creek-a/+/rainfall"),
            Optional.empty(),
            Optional.empty(),
            2_000,
            Duration.ofSeconds(5));
    Mqtt5AsyncClient publisher =
        Mqtt5Client.builder()
            .identifier("bench-pub-" + run)
            .serverHost("127.0.0.1")
            .serverPort(port)
            .buildAsync();
    publisher.connect().get(10, TimeUnit.SECONDS);
    Instant t0 = Instant.parse("2021-01-01T00:00:00Z").plusSeconds(round * 10_000_000L);
    try (MqttIngress ingress = MqttIngress.start(settings, handler)) {
      long start = System.nanoTime();
      List<CompletableFuture<?>> sent = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        String payload =
            "{\"time\": \""
                + t0.plusSeconds(60L * (i / 20))
                + "\", \"depth\": 0."
                + (i % 9 + 1)
                + ", \"unit\": \"MMT\"}";
        sent.add(
            publisher
                .publishWith()
                .topic(prefix + (i % 20) + "/rainfall")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send());
        if (sent.size() == 1_000) {
          CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
          sent.clear();
        }
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      while (done.get() < MESSAGES) {
        if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(5)) {
          throw new IllegalStateException("only " + done.get() + " of " + MESSAGES + " arrived");
        }
        Thread.sleep(5);
      }
      return MESSAGES / ((System.nanoTime() - start) / 1e9);
    } finally {
      publisher.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  private static void awaitPort() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("Mosquitto did not start on port " + port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
