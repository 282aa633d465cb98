package io.twinledger.service.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.twinledger.ledger.store.TestDatabases;
import io.twinledger.service.support.OwnMosquitto;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service instances on one PostgreSQL behind a round-robin client, which sends NGSI-LD readings
 * (some delivered to both instances), registers assets and updates one asset's parameters from both
 * instances at once. The first instance runs the embedded peer and serves it over mutual TLS; the
 * second reaches it in fabric mode, as a remote network, and anchors the checkpoints through it.
 * The first is killed with SIGKILL mid-load, and the client sends what failed to the other. Then
 * every acknowledged reading and asset is stored exactly once, no update is lost, no scheduled job
 * recorded a KPI period revision twice, and the projections equal those a single instance rebuilds
 * from the events.
 *
 * <p>Where Mosquitto is installed, both instances also subscribe to a broker of the test's own,
 * each with its client id, so that each receives every MQTT reading published meanwhile: every
 * reading the broker acknowledged is stored once as well.
 *
 * <p>A third instance asked to start in embedded mode beside the first refuses, in one line.
 */
class TwoInstancesKillTest {

  private static final int READINGS = 300;

  /** Every {@value}th reading is delivered to both instances at once. */
  private static final int BOTH_EVERY = 10;

  private static final int ASSETS = 20;
  private static final int UPDATES_PER_CLIENT = 25;
  private static final Instant FIRST_READING = Instant.parse("2024-06-01T00:00:00Z");
  private static final String ENTITY =
      "urn:ngsi-ld:WaterConsumptionObserved:riverton:north-hill-inlet";
  private static final String SHARED = "dma-multi-shared";
  private static final String GAUGES = "riverton/stormwater/gi-rock-creek-a/multi-g";

  /** The projections a single instance rebuilds, with the processors that write them. */
  private static final Map<String, List<String>> PROJECTIONS =
      Map.of(
          "asset-projection", List.of("asset_view", "asset_kpi_view", "kpi_period_view"),
          "model-projection", List.of("model_view", "model_version_view"),
          "pnl-projection",
              List.of(
                  "pnl_asset",
                  "pnl_asset_kpi",
                  "pnl_model",
                  "pnl_observation",
                  "pnl_line",
                  "pnl_revision"));

  private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

  // Kept when the test fails: the services' logs are in it.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private final List<Process> processes = new CopyOnWriteArrayList<>();
  private final Map<Process, Path> homes = new ConcurrentHashMap<>();

  /** The broker options every subscribing instance gets; empty without Mosquitto. */
  private List<String> mqtt = List.of();

  private OwnMosquitto broker;

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : processes) {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aKilledInstanceLosesAndDuplicatesNothingAndTheProjectionsEqualAReplay() throws Exception {
    long t0 = System.nanoTime();
    String db = TestDatabases.freshDatabase(TestDatabases.Target.EMBEDDED);
    int[] ports = {DemoProcess.freePort(), DemoProcess.freePort()};
    Optional<Path> mosquitto = OwnMosquitto.executable();
    int brokerPort = DemoProcess.freePort();
    if (mosquitto.isPresent()) {
      broker =
          OwnMosquitto.start(
              mosquitto.get(), Files.createDirectories(dir.resolve("broker")), brokerPort);
      mqtt =
          List.of(
              "--twinledger.twin.mqtt.host=127.0.0.1", "--twinledger.twin.mqtt.port=" + brokerPort);
    }
    // Both start at once, racing to migrate the database and to register the sample city.
    // The first runs the embedded peer and serves it over mutual TLS; it takes no checkpoints of
    // its own, so that every anchored checkpoint is the second's.
    int peerPort = DemoProcess.freePort();
    CompletableFuture<Process> firstUp =
        starting(
            "first",
            db,
            ports[0],
            concat(
                subscriber("first"),
                "--twinledger.ledger.peer-port=" + peerPort,
                "--twinledger.ledger.peer-mutual-tls=true",
                "--twinledger.audit.checkpoint-every=PT1H"));
    // The second reaches that peer in fabric mode, as it would a remote network, with the
    // connection profile the first writes once it serves TLS and the city's user MSP: checkpoints
    // are signed with the one ledger client key whichever instance takes them, the only key whose
    // checkpoints the audit-anchor chaincode takes from the city.
    Path fabric = dir.resolve("first/data/fabric");
    Path profile = fabric.resolve("connection-profile.json");
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(100))
        .failFast("the first instance did not start", firstUp::isCompletedExceptionally)
        .until(() -> Files.isRegularFile(profile));
    CompletableFuture<Process> secondUp =
        starting(
            "second",
            db,
            ports[1],
            concat(
                subscriber("second"),
                "--twinledger.ledger.mode=fabric",
                "--twinledger.ledger.fabric.connection-profile=" + profile,
                "--twinledger.ledger.fabric.msp-directory="
                    + fabric.resolve(
                        "peerOrganizations/cityfinance.twinledger.example/users/"
                            + "User1@cityfinance.twinledger.example/msp")));
    Process first = firstUp.get(3, TimeUnit.MINUTES);

    // A third instance in embedded mode refuses while the first runs the peer.
    Path refusedLog = Files.createDirectories(dir.resolve("refused")).resolve("refused.log");
    Process refused =
        track(
            new ProcessBuilder(
                    DemoProcess.command(
                        "--server.port=" + DemoProcess.freePort(),
                        "--twinledger.db.url=" + db,
                        "--twinledger.data-dir=" + dir.resolve("refused/data"),
                        "--twinledger.demo.feed.enabled=false",
                        "--twinledger.twin.mqtt.embedded=false"))
                .redirectErrorStream(true)
                .redirectOutput(refusedLog.toFile())
                .start());
    Process second = secondUp.get(3, TimeUnit.MINUTES);
    assertThat(refused.waitFor(2, TimeUnit.MINUTES)).as("the refused instance exits").isTrue();
    assertThat(refused.exitValue()).isEqualTo(1);
    assertThat(Files.readString(refusedLog))
        .contains(
            "twinledger: cannot start: Another service instance runs the embedded peer of channel"
                + " infra-performance on this database, and only one may; start this one with"
                + " twinledger.ledger.mode=fabric (reaching that instance's peer-port) or none");

    long started = System.nanoTime();
    Client http = new Client(ports);
    // Registered on the instance that does not run the asset projection: the other one learns of
    // it from the database, not in process.
    int elsewhere = owner(db, "asset-projection") == first.pid() ? 1 : 0;
    assertThat(http.register(SHARED, elsewhere)).isTrue();
    Duration visible = http.visibleOnBothWithin(SHARED);

    Optional<Mqtt5AsyncClient> publisher = Optional.empty();
    if (mosquitto.isPresent()) {
      Mqtt5AsyncClient client =
          Mqtt5Client.builder()
              .identifier("two-instances-publisher")
              .serverHost("127.0.0.1")
              .serverPort(brokerPort)
              .buildAsync();
      client.connect().get(10, TimeUnit.SECONDS);
      publisher = Optional.of(client);
    }
    Load load = new Load(http, publisher);
    List<Thread> threads =
        List.of(
            Thread.ofPlatform().start(load::sendReadings),
            Thread.ofPlatform().start(load::registerAssets),
            Thread.ofPlatform().start(() -> load.updateShared(0)),
            Thread.ofPlatform().start(() -> load.updateShared(1)));
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> load.readingsAcknowledged() >= READINGS * 2 / 5);
    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    for (Thread t : threads) {
      t.join(Duration.ofMinutes(2));
      assertThat(t.isAlive()).as("the client finished").isFalse();
    }
    assertThat(load.failures).as("requests refused for good").isEmpty();
    assertThat(http.failedOver)
        .as("requests the other instance took after the kill")
        .doesNotHaveValue(0);

    // Readings: every acknowledged one stored once, nothing else stored, no empty batch.
    BitSet stored = storedReadings(db);
    assertThat(stored.cardinality())
        .as("stored readings, one row each")
        .isEqualTo(count(db, "SELECT count(*) FROM reading WHERE asset_id = 'dma-north-hill'"));
    BitSet acknowledged = load.acknowledgedReadings();
    BitSet missing = (BitSet) acknowledged.clone();
    missing.andNot(stored);
    assertThat(missing.stream().boxed().toList()).as("acknowledged but not stored").isEmpty();
    assertThat(stored.length()).isLessThanOrEqualTo(READINGS);
    assertThat(
            count(
                db,
                "SELECT count(*) FROM reading_batch b WHERE NOT EXISTS"
                    + " (SELECT 1 FROM reading r WHERE r.batch_id = b.batch_id)"))
        .as("batches without a reading (a delivery to both instances stored twice)")
        .isZero();

    if (publisher.isPresent()) {
      BitSet published = load.publishedReadings();
      assertThat(published.cardinality())
          .as("MQTT readings the broker acknowledged")
          .isEqualTo(READINGS);
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> storedGaugeReadings(db).cardinality() == READINGS);
      assertThat(count(db, "SELECT count(*) FROM reading WHERE sensor_id LIKE '" + GAUGES + "%'"))
          .as("MQTT readings, each received by both instances, one row each")
          .isEqualTo(READINGS);
      publisher.get().disconnect().get(10, TimeUnit.SECONDS);
    }

    // Asset commands: each acknowledged registration once; every acknowledged update recorded.
    for (String asset : load.registered) {
      assertThat(events(db, asset, "AssetRegistered")).as(asset).isEqualTo(1);
    }
    assertThat(load.registered).hasSize(ASSETS);
    List<Integer> updated = updates(db);
    assertThat(updated)
        .as("every acknowledged update recorded")
        .containsAll(load.updatesAcknowledged);
    assertThat(updated.size())
        .as("updates recorded: at most the acknowledged ones and those cut off by the kill")
        .isLessThanOrEqualTo(load.updatesAcknowledged.size() + load.updatesCutOff.get());
    assertThat(load.concurrentChanges)
        .as("a lost race for the asset is retried, not answered 409 concurrent-change")
        .hasValue(0);

    long loaded = System.nanoTime();
    // The survivor takes over the dead instance's processors and jobs: the periods get closed.
    awaitCaughtUp(db);
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> closedDaysMatchReadings(db));
    assertThat(
            count(
                db,
                "SELECT count(*) FROM (SELECT 1 FROM domain_event_entry"
                    + " WHERE payload_type LIKE '%KpiPeriodClosed'"
                    + " GROUP BY aggregate_identifier,"
                    + " convert_from(payload, 'UTF8')::jsonb ->> 'periodKind',"
                    + " convert_from(payload, 'UTF8')::jsonb ->> 'periodStart',"
                    + " convert_from(payload, 'UTF8')::jsonb ->> 'revision'"
                    + " HAVING count(*) > 1) twice"))
        .as("KPI period revisions recorded twice")
        .isZero();
    assertThat(count(db, "SELECT count(DISTINCT signer_certificate) FROM audit_checkpoint"))
        .as("checkpoint signers")
        .isOne();
    assertThat(count(db, "SELECT count(*) FROM audit_checkpoint WHERE anchor_tx_id IS NOT NULL"))
        .as("checkpoints the second instance anchored over mutual TLS before the first was killed")
        .isPositive();
    assertThat(Files.readString(log(second)))
        .contains(
            "Fabric gateway peer peer0.cityfinance.twinledger.example at localhost:"
                + peerPort
                + " (TLS, mutual)");
    assertThat(Files.readString(log(first)))
        .as("the killed instance's log")
        .doesNotContain("duplicate key")
        .doesNotContain("Unexpected error occurred in scheduled task");
    assertThat(Files.readString(log(second)))
        .as("the survivor's log")
        .doesNotContain("duplicate key")
        .doesNotContain("Unexpected error occurred in scheduled task");

    long caughtUp = System.nanoTime();
    // A single instance rebuilds the projections from the events alone.
    second.destroy();
    assertThat(second.waitFor(1, TimeUnit.MINUTES)).isTrue();
    awaitCaughtUp(db);
    Map<String, List<String>> before = projections(db);
    long events = count(db, "SELECT count(*) FROM domain_event_entry");
    reset(db);
    start("replay", db, ports[1], "--twinledger.ledger.mode=none");
    awaitCaughtUp(db);
    assertThat(count(db, "SELECT count(*) FROM domain_event_entry"))
        .as("the replaying instance stored no events")
        .isEqualTo(events);
    assertThat(differences(before, projections(db)))
        .as("rows of the projections that differ from a single instance's replay")
        .isEmpty();

    System.out.printf(
        "Two instances: started in %d s, load %d s, caught up in %d s, replayed in %d s%n",
        (started - t0) / 1_000_000_000,
        (loaded - started) / 1_000_000_000,
        (caughtUp - loaded) / 1_000_000_000,
        (System.nanoTime() - caughtUp) / 1_000_000_000);
    System.out.printf(
        "Two instances: %d readings acknowledged (%d delivered to both), %d assets, %d of %d"
            + " updates acknowledged, %d cut off, %d attempts failed over; an asset registered on the instance without the"
            + " asset projection was in both instances' views after %d ms%n",
        acknowledged.cardinality(),
        READINGS / BOTH_EVERY,
        load.registered.size(),
        load.updatesAcknowledged.size(),
        2 * UPDATES_PER_CLIENT,
        load.updatesCutOff.get(),
        http.failedOver.get(),
        visible.toMillis());
  }

  /** What the round-robin client sends, and what it was told. */
  private static final class Load {
    private final Client client;
    private final Optional<Mqtt5AsyncClient> publisher;
    private final BitSet readings = new BitSet(READINGS);
    private final BitSet published = new BitSet(READINGS);
    private final List<CompletableFuture<?>> publishing = new CopyOnWriteArrayList<>();
    final Set<String> registered = ConcurrentHashMap.newKeySet();
    final Set<Integer> updatesAcknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger updatesCutOff = new AtomicInteger();
    final AtomicInteger concurrentChanges = new AtomicInteger();
    final List<String> failures = new CopyOnWriteArrayList<>();

    Load(Client client, Optional<Mqtt5AsyncClient> publisher) {
      this.client = client;
      this.publisher = publisher;
    }

    /**
     * Sends each NGSI-LD reading to one instance (every {@value TwoInstancesKillTest#BOTH_EVERY}th
     * to both), and publishes an MQTT reading beside each, which both instances receive.
     */
    void sendReadings() {
      for (int i = 0; i < READINGS; i++) {
        int index = i;
        publisher.ifPresent(p -> publishing.add(publish(p, index)));
        String body = notification(i);
        Thread both =
            i % BOTH_EVERY == 0
                ? Thread.ofPlatform().start(() -> client.send("POST", NOTIFY, body, 1 - index % 2))
                : null;
        Response r = client.send("POST", NOTIFY, body, i % 2);
        if (r.status() == 200) {
          synchronized (readings) {
            readings.set(i);
          }
        } else {
          failures.add("reading " + i + ": " + r);
        }
        if (both != null) {
          try {
            both.join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      CompletableFuture.allOf(publishing.toArray(CompletableFuture[]::new))
          .orTimeout(60, TimeUnit.SECONDS)
          .join();
    }

    /**
     * Publishes gauge reading {@code i} at QoS 1. Only a plain success counts: "no matching
     * subscribers", also a PUBACK, would mean the broker had dropped it.
     */
    private CompletableFuture<Mqtt5PublishResult> publish(Mqtt5AsyncClient client, int i) {
      Instant at = FIRST_READING.plusSeconds(i);
      String payload =
          "{\"time\": \"" + at + "\", \"depth\": " + (i % 50) / 10.0 + ", \"unit\": \"MMT\"}";
      return client
          .publishWith()
          .topic(GAUGES + (i % 5) + "/rainfall")
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload(payload.getBytes(StandardCharsets.UTF_8))
          .send()
          .whenComplete(
              (result, error) -> {
                if (error == null
                    && result.getError().isEmpty()
                    && result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1
                    && qos1.getPubAck().getReasonCode() == Mqtt5PubAckReasonCode.SUCCESS) {
                  synchronized (published) {
                    published.set(i);
                  }
                }
              });
    }

    BitSet publishedReadings() {
      synchronized (published) {
        return (BitSet) published.clone();
      }
    }

    void registerAssets() {
      for (int k = 0; k < ASSETS; k++) {
        String asset = "dma-multi-" + k;
        if (client.register(asset, k % 2)) {
          registered.add(asset);
        } else {
          failures.add("asset " + asset);
        }
        pause(150);
      }
    }

    /**
     * Updates the shared asset from both instances, each update with a number of service
     * connections of its own ({@link #connections}); a stale version is read from the refusal and
     * the update sent again. An update identical to the asset's parameters records nothing, so a
     * resent update that was stored before its instance died records nothing more unless another
     * came in between.
     */
    void updateShared(int client) {
      long version = 0;
      for (int j = 0; j < UPDATES_PER_CLIENT; j++) {
        int attempts = 0;
        while (true) {
          Response r =
              this.client.send(
                  "PUT",
                  "/api/v1/assets/" + SHARED + "/parameters",
                  updateBody(version, connections(client, j)),
                  (client + j) % 2);
          updatesCutOff.addAndGet(r.cutOff());
          if (r.status() == 200) {
            updatesAcknowledged.add(connections(client, j));
            version = Long.parseLong(field(r.body(), "version"));
            break;
          }
          if (r.status() == 409 && r.body().contains("concurrent-change")) {
            concurrentChanges.incrementAndGet();
          }
          if (r.status() != 409 || ++attempts > 50) {
            failures.add("update: " + r);
            break;
          }
          version = Long.parseLong(field(r.body(), "currentVersion"));
        }
        pause(40);
      }
    }

    /** The service connections update {@code j} of client {@code client} sets. */
    static int connections(int client, int j) {
      return 1_000 + 100 * client + j;
    }

    int readingsAcknowledged() {
      synchronized (readings) {
        return readings.cardinality();
      }
    }

    BitSet acknowledgedReadings() {
      synchronized (readings) {
        return (BitSet) readings.clone();
      }
    }
  }

  private static final String NOTIFY = "/api/v1/twin/ngsi-ld/notifications";

  /** The reading with index {@code i}: its own observation time, 15 minutes after the last. */
  private static String notification(int i) {
    Instant at = FIRST_READING.plus(Duration.ofMinutes(15L * i));
    return """
        {"id": "urn:ngsi-ld:Notification:multi-%1$d", "type": "Notification",
         "subscriptionId": "urn:ngsi-ld:Subscription:multi", "notifiedAt": "%2$s",
         "data": [{"id": "%3$s", "type": "WaterConsumptionObserved",
                   "waterConsumption": {"type": "Property", "value": %4$d,
                                        "observedAt": "%2$s", "unitCode": "MTQ"}}]}
        """
        .formatted(i, at, ENTITY, 10 + i % 17);
  }

  private static String registerBody(String asset) {
    return """
        {"assetId": "%s", "assetClass": "WATER_DISTRICT", "name": "Two instances",
         "timeZone": "UTC",
         "parameters": {"mainsLengthKm": 10, "serviceConnections": 900,
                        "privatePipeLengthKm": 1, "averagePressureM": 40,
                        "tariff": {"amount": 2, "currency": "EUR"}},
         "kpis": [{"kpiId": "system-input-volume", "unit": "MTQ", "aggregation": "SUM",
                   "betterDirection": "LOWER", "thresholds": []}]}"""
        .formatted(asset);
  }

  private static String updateBody(long version, int connections) {
    return """
        {"expectedVersion": %d, "assetClass": "WATER_DISTRICT",
         "parameters": {"mainsLengthKm": 10, "serviceConnections": %d,
                        "privatePipeLengthKm": 1, "averagePressureM": 40,
                        "tariff": {"amount": 2, "currency": "EUR"}}}"""
        .formatted(version, connections);
  }

  /**
   * An HTTP answer; {@code cutOff} counts the attempts before it that reached an instance and got
   * no answer (it died meanwhile, perhaps after doing what was asked).
   */
  private record Response(int status, String body, int cutOff) {}

  /**
   * Sends each request to the instance it is given, and what got no answer or a 5xx to the other,
   * until one answers.
   */
  private static final class Client {
    private final int[] ports;
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Attempts that got no answer from their instance and went to the other. */
    final AtomicInteger failedOver = new AtomicInteger();

    private final String operator =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("operator:operator".getBytes(StandardCharsets.UTF_8));

    Client(int[] ports) {
      this.ports = ports;
    }

    Response send(String method, String path, String body, int instance) {
      int cutOff = 0;
      for (int attempt = 0; attempt < 20; attempt++) {
        int port = ports[(instance + attempt) % 2];
        try {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                      .timeout(Duration.ofSeconds(30))
                      .header("Authorization", operator)
                      .header("Content-Type", "application/json")
                      .method(method, HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() < 500) {
            return new Response(r.statusCode(), r.body(), cutOff);
          }
        } catch (ConnectException refused) {
          // Never reached the instance: the other one takes it.
          failedOver.incrementAndGet();
        } catch (IOException e) {
          // Cut off: the instance may have done it before it died; the other one takes it.
          failedOver.incrementAndGet();
          cutOff++;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Response(0, "interrupted", cutOff);
        }
        pause(100);
      }
      return new Response(0, "no instance answered", cutOff);
    }

    /**
     * Registers {@code asset}; true once it exists. A duplicate id after an attempt that got no
     * answer means that attempt was stored.
     */
    boolean register(String asset, int instance) {
      Response r = send("POST", "/api/v1/assets", registerBody(asset), instance);
      return r.status() == 201 || (r.status() == 409 && r.cutOff() > 0);
    }

    /** How long until {@code asset}, just registered, is in both instances' views. */
    Duration visibleOnBothWithin(String asset) {
      long start = System.nanoTime();
      for (int port : ports) {
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> get(port, "/api/v1/assets/" + asset) == 200);
      }
      return Duration.ofNanos(System.nanoTime() - start);
    }

    private int get(int port, String path) throws Exception {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                  .header("Authorization", operator)
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }

  private Process start(String name, String db, int port, String... options) throws Exception {
    Path home = Files.createDirectories(dir.resolve(name));
    // An option naming one of these properties replaces it.
    List<String> all =
        new ArrayList<>(
            Stream.of(
                    "--twinledger.twin.mqtt.embedded=false",
                    "--twinledger.twin.close-every=PT2S",
                    "--twinledger.audit.checkpoint-every=PT3S")
                .filter(
                    d ->
                        Arrays.stream(options)
                            .noneMatch(o -> o.startsWith(d.substring(0, d.indexOf('=') + 1))))
                .toList());
    all.addAll(List.of(options));
    Process process = track(DemoProcess.start(home, db, port, all.toArray(String[]::new)));
    homes.put(process, home);
    return process;
  }

  /** Starts instance {@code name} on a thread of its own. */
  private CompletableFuture<Process> starting(String name, String db, int port, String... options) {
    CompletableFuture<Process> up = new CompletableFuture<>();
    Thread.ofPlatform()
        .start(
            () -> {
              try {
                up.complete(start(name, db, port, options));
              } catch (Exception | AssertionError e) {
                up.completeExceptionally(e);
              }
            });
    return up;
  }

  /** The MQTT options of instance {@code name}: its own client id; none without a broker. */
  private String[] subscriber(String name) {
    return mqtt.isEmpty()
        ? new String[0]
        : concat(
            mqtt.toArray(String[]::new), "--twinledger.twin.mqtt.client-id=twinledger-" + name);
  }

  private static String[] concat(String[] first, String... more) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private Process track(Process process) {
    processes.add(process);
    return process;
  }

  /** The log of a process {@link #start} started. */
  private Path log(Process process) throws IOException {
    try (var files = Files.list(homes.get(process))) {
      return files.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow();
    }
  }

  /**
   * The process id of the instance that holds processor {@code processor}'s segment, once one does;
   * Axon names a token's owner {@code pid@host}.
   */
  private static long owner(String db, String processor) {
    String owner =
        await()
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  try (Connection c = DriverManager.getConnection(db);
                      PreparedStatement s =
                          c.prepareStatement(
                              "SELECT owner FROM token_entry WHERE processor_name = ?"
                                  + " AND owner IS NOT NULL")) {
                    s.setString(1, processor);
                    try (ResultSet rs = s.executeQuery()) {
                      return rs.next() ? rs.getString(1) : null;
                    }
                  }
                },
                o -> o != null);
    return Long.parseLong(owner.substring(0, owner.indexOf('@')));
  }

  /** The stored MQTT gauge readings' indexes. */
  private static BitSet storedGaugeReadings(String db) throws Exception {
    BitSet stored = new BitSet(READINGS);
    try (Connection c = DriverManager.getConnection(db);
        PreparedStatement s =
            c.prepareStatement("SELECT observed_at FROM reading WHERE sensor_id LIKE ?")) {
      s.setString(1, GAUGES + "%");
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          stored.set(
              Math.toIntExact(
                  Duration.between(FIRST_READING, rs.getTimestamp(1).toInstant()).toSeconds()));
        }
      }
    }
    return stored;
  }

  /** The stored readings' indexes. */
  private static BitSet storedReadings(String db) throws Exception {
    BitSet stored = new BitSet(READINGS);
    try (Connection c = DriverManager.getConnection(db);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT observed_at FROM reading WHERE asset_id = 'dma-north-hill'");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        long minutes = Duration.between(FIRST_READING, rs.getTimestamp(1).toInstant()).toMinutes();
        stored.set(Math.toIntExact(minutes / 15));
      }
    }
    return stored;
  }

  /**
   * Whether the latest revisions of the reading asset's DAY periods hold every reading stored for
   * it: the days are cut in the asset's time zone, so they are compared in sum.
   */
  private static boolean closedDaysMatchReadings(String db) throws Exception {
    long readings =
        count(
            db,
            "SELECT count(*) FROM reading WHERE asset_id = 'dma-north-hill'"
                + " AND kpi_id = 'system-input-volume'");
    long inPeriods =
        count(
            db,
            "SELECT coalesce(sum(reading_count), 0) FROM (SELECT DISTINCT ON (period_start)"
                + " reading_count FROM kpi_period_view WHERE asset_id = 'dma-north-hill'"
                + " AND kpi_id = 'system-input-volume' AND period_kind = 'DAY'"
                + " ORDER BY period_start, revision DESC) latest");
    return readings == inPeriods;
  }

  /** Waits until every processor's token has passed the last stored event. */
  private static void awaitCaughtUp(String db) {
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              long last =
                  count(db, "SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
              try (Connection c = DriverManager.getConnection(db);
                  Statement s = c.createStatement();
                  ResultSet rs =
                      s.executeQuery(
                          "SELECT processor_name, convert_from(token, 'UTF8') FROM token_entry"
                              + " WHERE processor_name IN ('asset-projection',"
                              + " 'model-projection', 'pnl-projection')")) {
                int processors = 0;
                while (rs.next()) {
                  processors++;
                  if (position(rs.getString(2)) < last) {
                    return false;
                  }
                }
                return processors >= PROJECTIONS.size();
              }
            });
  }

  /**
   * The global index a stored token has reached: a plain token's index, or, while a processor
   * replays, its replay token's current one (not the index it was reset at).
   */
  private static long position(String token) {
    if (token == null) {
      return -1;
    }
    int current = token.indexOf("\"currentToken\"");
    Matcher m = TOKEN_INDEX.matcher(current < 0 ? token : token.substring(current));
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Every projection table's rows, in a stable order. */
  private static Map<String, List<String>> projections(String db) throws Exception {
    Map<String, List<String>> rows = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(db);
        Statement s = c.createStatement()) {
      for (List<String> tables : PROJECTIONS.values()) {
        for (String table : tables) {
          List<String> lines = new ArrayList<>();
          try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
              StringBuilder line = new StringBuilder();
              for (int i = 1; i <= meta.getColumnCount(); i++) {
                line.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append(';');
              }
              lines.add(line.toString());
            }
          }
          lines.sort(null);
          rows.put(table, lines);
        }
      }
    }
    return rows;
  }

  /** The rows only in {@code before} ({@code -}) or only in {@code after} ({@code +}), by table. */
  private static List<String> differences(
      Map<String, List<String>> before, Map<String, List<String>> after) {
    List<String> differences = new ArrayList<>();
    for (String table : before.keySet()) {
      List<String> gone = new ArrayList<>(before.get(table));
      gone.removeAll(after.get(table));
      List<String> added = new ArrayList<>(after.get(table));
      added.removeAll(before.get(table));
      gone.forEach(row -> differences.add("- " + table + ": " + row));
      added.forEach(row -> differences.add("+ " + table + ": " + row));
    }
    return differences;
  }

  /** Empties the projections and their processors' tokens, so that they are built again. */
  private static void reset(String db) throws Exception {
    try (Connection c = DriverManager.getConnection(db);
        Statement s = c.createStatement()) {
      for (var projection : PROJECTIONS.entrySet()) {
        s.execute("TRUNCATE " + String.join(", ", projection.getValue()));
        s.execute("DELETE FROM token_entry WHERE processor_name = '" + projection.getKey() + "'");
      }
    }
  }

  /** The service connections of the shared asset's recorded updates. */
  private static List<Integer> updates(String db) throws Exception {
    List<Integer> connections = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                    + " WHERE aggregate_identifier = ? AND payload_type LIKE '%.AssetParametersUpdated'")) {
      s.setString(1, SHARED);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          connections.add(Integer.parseInt(field(rs.getString(1), "serviceConnections")));
        }
      }
    }
    return connections;
  }

  private static long events(String db, String aggregate, String type) throws Exception {
    return count(
        db,
        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '"
            + aggregate
            + "' AND payload_type LIKE '%."
            + type
            + "'");
  }

  private static long count(String db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A top-level number field of a small JSON body. */
  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
