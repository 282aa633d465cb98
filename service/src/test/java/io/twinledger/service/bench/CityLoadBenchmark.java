package io.twinledger.service.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.twinledger.ledger.store.LocalPostgres;
import io.twinledger.service.fault.DemoProcess;
import io.twinledger.service.support.OwnMosquitto;
import java.io.IOException;
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
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A city of 50,000 sensors against the service as a user runs it: the demo (Riverton's mapping) in
 * its own JVM on a durable PostgreSQL, fed over MQTT (through a Mosquitto of the benchmark's own)
 * and NGSI-LD notifications over HTTP, each sensor reporting once a minute (833 readings/s), with a
 * burst of ten times that in the middle.
 *
 * <p>Sensors: {@value #MQTT_SENSORS} rain gauges publishing on {@code
 * riverton/stormwater/gi-rock-creek-a/<gauge>/rainfall} (the mapping's wildcard names the sensor),
 * and {@value #NGSI_SENSORS} road sensors, each an NGSI-LD multi-attribute instance ({@code
 * datasetId}) of the {@code iri} of one of the ten A12 segments, sent as one notification of all
 * ten segments every {@value #NGSI_EVERY_MS} ms. A reading's observation time is its publish time,
 * so the latency from publish to stored is the moment a prober (polling the new batches every
 * {@value #PROBE_EVERY_MS} ms) first sees the row, minus its observation time: it overstates by up
 * to one polling interval.
 *
 * <p>Phases, each timed by observation: warm-up (not counted), steady, burst (ten readings per
 * sensor per minute), steady again (recovery). Reported: published, stored, lost (published and
 * acknowledged but never stored: must be 0), sustained stored readings/s, p50/p99/p99.9 publish to
 * stored, the service's resident memory, and the database's growth per reading and per day of this
 * load.
 *
 * <p>Run with {@code ./mvnw -Pbench -pl service -am verify -Dtest=CityLoadBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; optional {@code -Dbench.steadySeconds}, {@code
 * -Dbench.burstSeconds}, {@code -Dbench.warmupSeconds}. The table goes to standard output and
 * {@code service/target/benchmarks/city-load.md}.
 */
@Tag("benchmark")
class CityLoadBenchmark {

  static final int MQTT_SENSORS = 40_000;
  static final int NGSI_SENSORS = 10_000;
  static final int SEGMENTS = 10;
  static final int NGSI_EVERY_MS = 600;
  static final int PROBE_EVERY_MS = 20;
  private static final int PUBLISHERS = 4;
  private static final String TOPIC = "riverton/stormwater/gi-rock-creek-a/city-g%05d/rainfall";
  private static final String OPERATOR =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("operator:operator".getBytes(StandardCharsets.UTF_8));

  private static final Duration WARMUP =
      Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 60));
  private static final Duration STEADY =
      Duration.ofSeconds(Long.getLong("bench.steadySeconds", 180));
  private static final Duration BURST = Duration.ofSeconds(Long.getLong("bench.burstSeconds", 30));

  @TempDir Path dir;

  /** A phase of the run, by observation time. */
  private record Phase(String name, Instant from, Instant to, int perMinute) {
    boolean contains(Instant at) {
      return !at.isBefore(from) && at.isBefore(to);
    }
  }

  @Test
  void fiftyThousandSensorsAtOneReadingPerMinute() throws Exception {
    Path mosquitto = OwnMosquitto.executable().orElse(null);
    assumeTrue(mosquitto != null, "Mosquitto is not installed");
    try (LocalPostgres postgres =
            LocalPostgres.start(dir.resolve("pg"), LocalPostgres.Durability.DURABLE);
        OwnMosquitto broker = OwnMosquitto.start(mosquitto, dir, DemoProcess.freePort())) {
      String db = postgres.ensureDatabase("city").urlWithCredentials();
      int port = DemoProcess.freePort();
      Process service =
          DemoProcess.start(
              dir,
              db,
              port,
              "--twinledger.twin.mqtt.host=127.0.0.1",
              "--twinledger.twin.mqtt.port=" + broker.port(),
              "--twinledger.twin.mqtt.client-id=city-load",
              // Last month's periods of the water district, fed in the warm-up, close within
              // seconds: the close-to-P&L lag is measured on them under the load.
              "--twinledger.twin.close-every=PT10S",
              // One city's sensors are one source each way: the default per-source delivery rate
              // is for many small brokers, not for the one context broker of this city.
              "--twinledger.twin.deliveries-per-second=1000");
      try {
        report(run(db, port, broker, service, postgres));
      } finally {
        service.destroy();
        if (!service.waitFor(60, TimeUnit.SECONDS)) {
          service.destroyForcibly();
        }
      }
    }
  }

  private String run(
      String db, int port, OwnMosquitto broker, Process service, LocalPostgres postgres)
      throws Exception {
    int brokerPort = broker.port();
    Instant start = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
    Instant steadyFrom = start.plus(WARMUP);
    Instant burstFrom = steadyFrom.plus(STEADY);
    Instant recoveryFrom = burstFrom.plus(BURST);
    Instant end = recoveryFrom.plus(STEADY);
    List<Phase> phases =
        List.of(
            new Phase("steady", steadyFrom, burstFrom, 1),
            new Phase("burst ×10", burstFrom, recoveryFrom, 10),
            new Phase("after the burst", recoveryFrom, end, 1));

    Prober prober = new Prober(db);
    Thread probing = Thread.ofPlatform().name("prober").start(prober);
    Memory memory = new Memory(service.pid());
    Thread sampling = Thread.ofPlatform().daemon().name("rss").start(memory);

    List<Mqtt5AsyncClient> publishers = new ArrayList<>();
    for (int p = 0; p < PUBLISHERS; p++) {
      Mqtt5AsyncClient client =
          Mqtt5Client.builder()
              .identifier("city-load-" + p)
              .serverHost("127.0.0.1")
              .serverPort(brokerPort)
              .buildAsync();
      client.connect().get(10, TimeUnit.SECONDS);
      publishers.add(client);
    }
    Mqtt mqtt = new Mqtt(publishers);
    Ngsi ngsi = new Ngsi(port);
    Thread ngsiThread =
        Thread.ofPlatform()
            .name("ngsi")
            .start(() -> ngsi.sendUntil(start, end, burstFrom, recoveryFrom));
    Thread mqttThread =
        Thread.ofPlatform()
            .name("mqtt")
            .start(() -> mqtt.publishUntil(start, end, burstFrom, recoveryFrom));
    ngsi.lastMonthOfTheWaterDistrict();
    // The machine's resources at each phase's start and at the end.
    List<Snapshot> snapshots = new ArrayList<>();
    for (Instant at : List.of(steadyFrom, burstFrom, recoveryFrom, end)) {
      until(at);
      snapshots.add(Snapshot.of(db, service.pid(), postgres, broker.pid()));
    }
    mqttThread.join();
    ngsiThread.join();
    mqtt.awaitAcknowledged();
    long published = mqtt.acknowledged.get() + ngsi.stored.get();

    // Everything acknowledged must turn up; give the service time to drain what it is behind.
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (prober.seen() < published && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    prober.stop();
    probing.join();
    memory.stop();
    sampling.join();
    String pnlLag = scrapePnlLag(port);
    for (Mqtt5AsyncClient client : publishers) {
      client.disconnect().get(10, TimeUnit.SECONDS);
    }

    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Published and acknowledged: %,d (MQTT %,d, refused %,d; NGSI-LD %,d in %,d notifications,"
                + " refused %,d). Stored: %,d. Lost: %,d.%n%n",
            published,
            mqtt.acknowledged.get(),
            mqtt.refused.get(),
            ngsi.stored.get(),
            ngsi.notifications.get(),
            ngsi.refused.get(),
            prober.seen(),
            Math.max(0, published - prober.seen())));
    out.append(
        "| phase | offered readings/s | stored readings/s | p50 | p99 | p99.9 | max |\n"
            + "|---|---:|---:|---:|---:|---:|---:|\n");
    for (Phase phase : phases) {
      long[] latencies = prober.latenciesIn(phase);
      double seconds = Duration.between(phase.from(), phase.to()).toMillis() / 1000.0;
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %,.0f | %s | %s | %s | %s |%n",
              phase.name(),
              (MQTT_SENSORS + NGSI_SENSORS) * phase.perMinute() / 60.0,
              latencies.length / seconds,
              millis(percentile(latencies, 0.50)),
              millis(percentile(latencies, 0.99)),
              millis(percentile(latencies, 0.999)),
              millis(latencies.length == 0 ? 0 : latencies[latencies.length - 1])));
    }
    double readingsPerDay = (MQTT_SENSORS + NGSI_SENSORS) * 60.0 * 24;
    out.append(
        String.format(
            Locale.ROOT,
            "%nService resident memory: %,d MiB at most, %,d MiB on average (JVM heap limit"
                + " 768 MiB).%n%n",
            memory.maxKib() / 1024,
            memory.averageKib() / 1024));
    out.append(
        "Per 1,000 readings offered, by phase: CPU of the service, PostgreSQL and Mosquitto (and"
            + " their share of the machine's 2 cores), reading batches, audit leaves, database"
            + " growth (tables, indexes, batches, audit log, events) and WAL written:\n\n"
            + "| phase | service CPU | PostgreSQL CPU | Mosquitto CPU | batches | audit leaves |"
            + " database growth | WAL |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < phases.size(); i++) {
      Phase phase = phases.get(i);
      Snapshot from = snapshots.get(i);
      Snapshot to = snapshots.get(i + 1);
      double seconds = Duration.between(phase.from(), phase.to()).toMillis() / 1000.0;
      double thousands = (MQTT_SENSORS + NGSI_SENSORS) * phase.perMinute() / 60.0 * seconds / 1000;
      double machine = seconds * 2_000 / 100;
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f ms (%.0f %%) | %.0f ms (%.0f %%) | %.0f ms (%.0f %%) | %.0f | %.0f |"
                  + " %,.0f kB | %,.0f kB |%n",
              phase.name(),
              (to.cpu().serviceMillis() - from.cpu().serviceMillis()) / thousands,
              (to.cpu().serviceMillis() - from.cpu().serviceMillis()) / machine,
              (to.cpu().postgresMillis() - from.cpu().postgresMillis()) / thousands,
              (to.cpu().postgresMillis() - from.cpu().postgresMillis()) / machine,
              (to.cpu().brokerMillis() - from.cpu().brokerMillis()) / thousands,
              (to.cpu().brokerMillis() - from.cpu().brokerMillis()) / machine,
              (to.counts().batches() - from.counts().batches()) / thousands,
              (to.counts().leaves() - from.counts().leaves()) / thousands,
              (to.databaseBytes() - from.databaseBytes()) / thousands / 1000,
              (to.counts().walBytes() - from.counts().walBytes()) / thousands / 1000));
    }
    Snapshot first = snapshots.getFirst();
    Snapshot last = snapshots.getLast();
    double steadyThousands = (MQTT_SENSORS + NGSI_SENSORS) * STEADY.toSeconds() / 60.0 / 1000;
    double steadyBytes =
        (snapshots.get(1).databaseBytes() - first.databaseBytes()) / steadyThousands / 1000;
    out.append(
        String.format(
            Locale.ROOT,
            "%nAt the steady rate the database grows %,.0f bytes per reading: %.1f GiB per day at"
                + " 50,000 sensors × 1/min (%,.0f readings/day); %,.0f bytes per reading over the"
                + " whole run.%n%s%n",
            steadyBytes,
            steadyBytes * readingsPerDay / (1L << 30),
            readingsPerDay,
            (double) (last.databaseBytes() - first.databaseBytes()) / Math.max(1, prober.seen()),
            pnlLag));
    return out.toString();
  }

  /** The machine's resources at one moment: CPU times, rows and WAL, the database's size. */
  private record Snapshot(Cpu cpu, Counts counts, long databaseBytes) {
    static Snapshot of(String db, long service, LocalPostgres postgres, long broker)
        throws Exception {
      return new Snapshot(
          Cpu.of(service, postgres, broker), Counts.of(db), CityLoadBenchmark.databaseBytes(db));
    }
  }

  /** The P&L lag timer's count and mean, from the service's Prometheus scrape. */
  private static String scrapePnlLag(int port) throws Exception {
    HttpResponse<String> scrape =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/prometheus"))
                    .header("Authorization", OPERATOR)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    double count = sample(scrape.body(), "twinledger_pnl_lag_seconds_count");
    double sum = sample(scrape.body(), "twinledger_pnl_lag_seconds_sum");
    // Micrometer's _max is the largest of a sliding window that has passed by the end of the run.
    return String.format(
        Locale.ROOT,
        "Period close to P&L line (twinledger_pnl_lag_seconds, last month's periods closed during"
            + " the load): %.0f closes, mean %.0f ms.",
        count,
        count == 0 ? 0 : sum / count * 1000);
  }

  private static double sample(String scrape, String name) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** Rows and WAL written: reading batches, audit leaves, WAL position. */
  private record Counts(long batches, long leaves, long walBytes) {
    static Counts of(String db) throws Exception {
      try (Connection c = DriverManager.getConnection(db);
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT (SELECT count(*) FROM reading_batch), (SELECT count(*) FROM audit_leaf),"
                      + " pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
        rs.next();
        return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
      }
    }
  }

  /**
   * CPU time (ms) of the service, of PostgreSQL (the postmaster and its children) and of the
   * broker, from {@code /proc}.
   */
  private record Cpu(double serviceMillis, double postgresMillis, double brokerMillis) {
    private static final double TICK_MILLIS = 10;

    static Cpu of(long service, LocalPostgres postgres, long broker) {
      long postmaster = postmaster(postgres);
      double pg = 0;
      try (var processes = Files.list(Path.of("/proc"))) {
        for (Path process :
            processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
          String[] stat = stat(process);
          if (stat.length > 3
              && (Long.parseLong(process.getFileName().toString()) == postmaster
                  || Long.parseLong(stat[1]) == postmaster)) {
            pg += ticks(stat);
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return new Cpu(
          ticks(stat(Path.of("/proc/" + service))) * TICK_MILLIS,
          pg * TICK_MILLIS,
          ticks(stat(Path.of("/proc/" + broker))) * TICK_MILLIS);
    }

    /** The fields after the command: state, ppid, ..., utime (index 11), stime (12). */
    private static String[] stat(Path process) {
      try {
        String line = Files.readString(process.resolve("stat"));
        return line.substring(line.lastIndexOf(')') + 2).split(" ");
      } catch (IOException e) {
        return new String[0];
      }
    }

    private static double ticks(String[] stat) {
      return stat.length > 12 ? Long.parseLong(stat[11]) + Long.parseLong(stat[12]) : 0;
    }

    private static long postmaster(LocalPostgres postgres) {
      try {
        return Long.parseLong(
            Files.readAllLines(postgres.superuserPasswordFile().resolveSibling("postmaster.pid"))
                .getFirst()
                .strip());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%,d ms", nanos / 1_000_000);
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  }

  /** Sleeps until {@code at}. */
  private static void until(Instant at) {
    long nanos = Duration.between(Instant.now(), at).toNanos();
    if (nanos > 0) {
      LockSupport.parkNanos(nanos);
    }
  }

  /** The rain gauges: each publishes once per period, spread evenly over it. */
  private static final class Mqtt {
    private final List<Mqtt5AsyncClient> publishers;
    private final Semaphore inFlight = new Semaphore(20_000);
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    Mqtt(List<Mqtt5AsyncClient> publishers) {
      this.publishers = publishers;
    }

    void publishUntil(Instant start, Instant end, Instant burstFrom, Instant burstTo) {
      long slot = 0;
      Instant at = start;
      while (at.isBefore(end)) {
        boolean burst = !at.isBefore(burstFrom) && at.isBefore(burstTo);
        long spacingNanos = (burst ? 6_000_000_000L : 60_000_000_000L) / MQTT_SENSORS;
        int gauge = (int) (slot % MQTT_SENSORS);
        until(at);
        Instant observed = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(gauge, observed);
        slot++;
        at = at.plusNanos(spacingNanos);
      }
    }

    private void publish(int gauge, Instant observed) {
      inFlight.acquireUninterruptibly();
      String payload =
          "{\"time\": \""
              + observed
              + "\", \"depth\": "
              + (gauge % 50) / 10.0
              + ", \"unit\": \"MMT\"}";
      publishers
          .get(gauge % publishers.size())
          .publishWith()
          .topic(String.format(Locale.ROOT, TOPIC, gauge))
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload(payload.getBytes(StandardCharsets.UTF_8))
          .send()
          .whenComplete(
              (result, error) -> {
                inFlight.release();
                (error == null && result.getError().isEmpty() ? acknowledged : refused)
                    .incrementAndGet();
              });
    }

    void awaitAcknowledged() throws InterruptedException {
      if (!inFlight.tryAcquire(20_000, 2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("MQTT publishes still unanswered after 2 minutes");
      }
      inFlight.release(20_000);
    }
  }

  /** The road sensors: one notification of the ten segments every {@value #NGSI_EVERY_MS} ms. */
  private static final class Ngsi {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI uri;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong notifications = new AtomicLong();

    Ngsi(int port) {
      uri = URI.create("http://localhost:" + port + "/api/v1/twin/ngsi-ld/notifications");
    }

    void sendUntil(Instant start, Instant end, Instant burstFrom, Instant burstTo) {
      long next = 0;
      Instant at = start;
      while (at.isBefore(end)) {
        boolean burst = !at.isBefore(burstFrom) && at.isBefore(burstTo);
        // Sensors per notification so that every sensor reports once a minute (ten in a burst).
        int perNotification = (int) (NGSI_SENSORS * (burst ? 10L : 1L) * NGSI_EVERY_MS / 60_000L);
        until(at);
        Instant observed = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        send(next, perNotification, observed);
        next += perNotification;
        at = at.plusMillis(NGSI_EVERY_MS);
      }
    }

    /**
     * The water district's inlet for each day of last month, in one notification: its DAY and MONTH
     * periods close at the next run of the period job, and the month's P&amp;L lines follow.
     */
    void lastMonthOfTheWaterDistrict() {
      YearMonth last = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
      StringBuilder instances = new StringBuilder();
      for (int day = 1; day <= last.lengthOfMonth(); day++) {
        if (day > 1) {
          instances.append(',');
        }
        instances
            .append("{\"type\": \"Property\", \"value\": 1200, \"observedAt\": \"")
            .append(last.atDay(day).atTime(12, 0).toInstant(ZoneOffset.UTC))
            .append("\", \"datasetId\": \"urn:ngsi-ld:Dataset:inlet-")
            .append(day)
            .append("\"}");
      }
      post(
          "{\"id\": \"urn:ngsi-ld:Notification:city-last-month\", \"type\": \"Notification\","
              + " \"subscriptionId\": \"urn:ngsi-ld:Subscription:city\", \"notifiedAt\": \""
              + Instant.now()
              + "\", \"data\": [{\"id\":"
              + " \"urn:ngsi-ld:WaterConsumptionObserved:riverton:north-hill-inlet\", \"type\":"
              + " \"WaterConsumptionObserved\", \"waterConsumption\": ["
              + instances
              + "]}]}",
          0);
    }

    private void send(long first, int count, Instant observed) {
      StringBuilder data = new StringBuilder();
      int perSegment = count / SEGMENTS;
      for (int s = 0; s < SEGMENTS; s++) {
        if (s > 0) {
          data.append(',');
        }
        data.append("{\"id\": \"urn:ngsi-ld:RoadSegment:riverton:road-a12-s")
            .append(String.format(Locale.ROOT, "%02d", s + 1))
            .append("\", \"type\": \"RoadSegment\", \"iri\": [");
        for (int i = 0; i < perSegment; i++) {
          long sensor = (first + (long) s * perSegment + i) % (NGSI_SENSORS / SEGMENTS);
          if (i > 0) {
            data.append(',');
          }
          data.append("{\"type\": \"Property\", \"value\": 2.0, \"observedAt\": \"")
              .append(observed)
              .append("\", \"datasetId\": \"urn:ngsi-ld:Dataset:iri-")
              .append(sensor)
              .append("\"}");
        }
        data.append("]}");
      }
      String body =
          "{\"id\": \"urn:ngsi-ld:Notification:city-"
              + notifications.incrementAndGet()
              + "\", \"type\": \"Notification\", \"subscriptionId\": \"urn:ngsi-ld:Subscription:city\","
              + " \"notifiedAt\": \""
              + observed
              + "\", \"data\": ["
              + data
              + "]}";
      post(body, perSegment * SEGMENTS);
    }

    /** Posts a notification of {@code readings} load readings (counted when accepted). */
    private void post(String body, int readings) {
      try {
        HttpResponse<String> reply =
            http.send(
                HttpRequest.newBuilder(uri)
                    .header("Authorization", OPERATOR)
                    .header("Content-Type", "application/json")
                    .header("NGSILD-Tenant", "city")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() == 200) {
          stored.addAndGet(readings);
        } else {
          refused.addAndGet(readings);
        }
      } catch (IOException e) {
        refused.addAndGet(readings);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Polls the batches stored since the last poll and takes, for each of their readings, the time it
   * was first seen minus its observation time.
   */
  private static final class Prober implements Runnable {
    private final String db;
    private final ConcurrentLinkedQueue<long[]> seen = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();
    private volatile boolean running = true;

    Prober(String db) {
      this.db = db;
    }

    @Override
    public void run() {
      long lastBatch = 0;
      try (Connection c = DriverManager.getConnection(db);
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT batch_id, observed_at FROM reading WHERE batch_id > ? AND ("
                      + "sensor_id LIKE 'riverton/stormwater/gi-rock-creek-a/city-g%' OR "
                      + "sensor_id LIKE '%/iri/urn:ngsi-ld:Dataset:iri-%')")) {
        while (running) {
          long polled = System.currentTimeMillis();
          s.setLong(1, lastBatch);
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              lastBatch = Math.max(lastBatch, rs.getLong(1));
              long observed = rs.getTimestamp(2).getTime();
              seen.add(new long[] {observed, (polled - observed) * 1_000_000L});
              count.incrementAndGet();
            }
          }
          Thread.sleep(PROBE_EVERY_MS);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    long seen() {
      return count.get();
    }

    void stop() {
      running = false;
    }

    /** Latencies (ns) of readings observed within {@code phase}, sorted. */
    long[] latenciesIn(Phase phase) {
      long[] latencies =
          seen.stream()
              .filter(r -> phase.contains(Instant.ofEpochMilli(r[0])))
              .mapToLong(r -> Math.max(0, r[1]))
              .toArray();
      Arrays.sort(latencies);
      return latencies;
    }
  }

  /** The service's resident set size, once a second, from {@code /proc}. */
  private static final class Memory implements Runnable {
    private final Path status;
    private volatile boolean running = true;
    private long max;
    private long sum;
    private long samples;

    Memory(long pid) {
      status = Path.of("/proc/" + pid + "/status");
    }

    @Override
    public void run() {
      while (running) {
        try {
          for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
              long kib = Long.parseLong(line.replaceAll("\\D", ""));
              synchronized (this) {
                max = Math.max(max, kib);
                sum += kib;
                samples++;
              }
            }
          }
          Thread.sleep(1_000);
        } catch (IOException | InterruptedException e) {
          return;
        }
      }
    }

    void stop() {
      running = false;
    }

    synchronized long maxKib() {
      return max;
    }

    synchronized long averageKib() {
      return samples == 0 ? 0 : sum / samples;
    }
  }

  private static long databaseBytes(String db) throws Exception {
    try (Connection c = DriverManager.getConnection(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void report(String table) throws IOException {
    System.out.println(table);
    Path out = Path.of("target/benchmarks/city-load.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
  }
}
