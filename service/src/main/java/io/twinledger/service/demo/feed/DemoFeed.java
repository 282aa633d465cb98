package io.twinledger.service.demo.feed;

import io.twinledger.market.simulation.meter.MeterReading;
import io.twinledger.service.TwinLedgerProperties;
import io.twinledger.service.demo.village.SampleVillage;
import io.twinledger.service.market.MarketProperties;
import io.twinledger.service.market.MeterPositions;
import io.twinledger.service.twin.TwinProperties;
import io.twinledger.service.twin.broker.LocalMqttBroker;
import io.twinledger.twin.ingest.BulkImport;
import io.twinledger.twin.ingest.Ingestion;
import io.twinledger.twin.simulator.SensorAddress.BulkSensor;
import io.twinledger.twin.simulator.SensorAddress.MqttTopic;
import io.twinledger.twin.simulator.SensorAddress.NgsiLdAttribute;
import io.twinledger.twin.simulator.SimulatedReading;
import io.twinledger.twin.simulator.TwinSimulator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Feeds the demo service the sample city's generated readings ({@link TwinSimulator}) and, with
 * {@code twinledger.demo.village.enabled}, its village's meter readings ({@link
 * VillageMeterReadings}, from {@code lead-in} before the market opens), on a background thread,
 * through the same channels real twins and meters use.
 *
 * <ol>
 *   <li><b>History</b>: everything published from a year ago (or from where the previous run got
 *       to) until a day ago is written as monthly CSV files in {@code <data-dir>/demo-feed} and
 *       imported through the bulk path, so those readings carry the source {@code
 *       bulk:riverton-history-YYYY-MM.csv}, the village's {@code
 *       bulk:riverton-village-YYYY-MM.csv}.
 *   <li><b>Replay</b>: the last day is sent over the live channels as fast as they take it: MQTT
 *       signals and most household meters published with QoS 1 to the broker the service subscribes
 *       to ({@code twinledger.twin.mqtt.*}, or the embedded broker; without one, MQTT signals are
 *       skipped), NGSI-LD signals POSTed as notifications to the service's own endpoint, and bulk
 *       signals (billing exports, survey files) as one small file per publication.
 *   <li><b>Live</b>: every {@code tick}, whatever was published since is sent the same way, until
 *       the service stops.
 * </ol>
 *
 * <p>Progress is recorded in {@code <data-dir>/demo-feed/fed-until} after each file, each replayed
 * hour and each live round, so a restart sends only what is missing. Nothing here delays the
 * service's start: {@link #start()} only reads that file and starts the thread.
 */
@Component
@ConditionalOnProperty(
    name = {"twinledger.demo.enabled", "twinledger.demo.feed.enabled"},
    havingValue = "true")
@EnableConfigurationProperties({DemoFeedProperties.class, DemoVillageProperties.class})
public class DemoFeed {

  /** Name of an optional {@link Clock} bean the feed follows instead of the system clock. */
  public static final String CLOCK = "demoFeedClock";

  /** What the feed is doing. */
  public enum Phase {
    /** Not started, or started and not yet at work. */
    IDLE,
    /** Writing and importing the history files. */
    HISTORY,
    /** Sending the most recent span over the live channels. */
    REPLAY,
    /** Following the clock. */
    LIVE,
    /** Stopped with the service, or after {@link #stop()}. */
    STOPPED
  }

  private static final Logger log = LoggerFactory.getLogger(DemoFeed.class);

  private static final Duration REPLAY_STEP = Duration.ofHours(1);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(30);
  private static final Duration LIVE_REPORT_EVERY = Duration.ofHours(1);
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final DemoFeedProperties properties;
  private final TwinProperties.Mqtt mqtt;
  private final ObjectProvider<Ingestion> ingestion;
  private final Environment environment;
  private final Clock clock;
  private final TwinSimulator generator;
  private final Path directory;
  private final FeedProgress progress;
  private final Optional<VillageMeterReadings> village;
  private final Object wakeUp = new Object();

  private volatile Phase phase = Phase.IDLE;
  private volatile boolean running;

  /** Set once the service is stopping: a start that comes after (a slow loader's) is refused. */
  private boolean closed;

  private Thread worker;
  private final ObjectProvider<LocalMqttBroker> localBroker;

  public DemoFeed(
      DemoFeedProperties properties,
      DemoVillageProperties villageProperties,
      MarketProperties market,
      TwinProperties twin,
      TwinLedgerProperties service,
      ObjectProvider<Ingestion> ingestion,
      ObjectProvider<LocalMqttBroker> localBroker,
      Environment environment,
      @Qualifier(CLOCK) ObjectProvider<Clock> clock) {
    this.properties = properties;
    this.mqtt = twin.mqtt();
    this.localBroker = localBroker;
    this.ingestion = ingestion;
    this.environment = environment;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.generator = new TwinSimulator(properties.seed());
    this.directory = service.dataDir().resolve("demo-feed");
    this.progress = new FeedProgress(directory.resolve("fed-until"));
    this.village =
        villageProperties.enabled()
            ? Optional.of(
                VillageMeterReadings.from(
                    properties.seed(),
                    market
                        .opens()
                        .orElseGet(() -> SampleVillage.opens(this.clock.instant(), market.zone()))
                        .minus(villageProperties.leadIn())))
            : Optional.empty();
  }

  /**
   * Starts feeding in the background, unless already running.
   *
   * @return one line for the demo announcement saying what is being fed
   */
  public synchronized String start() {
    if (closed) {
      return "not feeding: the service is stopping";
    }
    if (worker == null || !worker.isAlive()) {
      running = true;
      phase = Phase.IDLE;
      worker = Thread.ofPlatform().name("demo-feed").daemon().start(this::run);
    }
    return describe(plan());
  }

  /** Stops feeding for good, when the service stops: a later {@link #start} is refused. */
  @EventListener(ContextClosedEvent.class)
  public void close() {
    synchronized (this) {
      closed = true;
    }
    stop();
  }

  /** Stops feeding after the unit of work in progress and waits for it; it may start again. */
  public void stop() {
    Thread stopping;
    synchronized (this) {
      running = false;
      stopping = worker;
    }
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
    if (stopping != null) {
      try {
        stopping.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    phase = Phase.STOPPED;
  }

  /** What the feed is doing. */
  public Phase phase() {
    return phase;
  }

  /** The publication time up to which everything was sent, as recorded. */
  public Optional<Instant> fedUntil() {
    return progress.fedUntil();
  }

  private String describe(FeedPlan plan) {
    long days = Duration.between(plan.from(), plan.now()).toDays();
    String span =
        days >= 1
            ? String.format(Locale.ROOT, "%,d days of generated readings", days)
            : "generated readings since the last run";
    String channels =
        broker()
            .map(b -> "bulk files, NGSI-LD, MQTT via " + b.host().orElseThrow() + ":" + b.port())
            .orElse("bulk files and NGSI-LD; no MQTT broker configured");
    String meters =
        village
            .map(v -> " and the village's meters from " + v.first().toString().substring(0, 10))
            .orElse("");
    return "feeding " + span + meters + " in the background, then live (" + channels + ")";
  }

  /** What a start now would send, from the recorded progress. */
  private FeedPlan plan() {
    return FeedPlan.of(
        progress.fedUntil(), clock.instant(), properties.history(), properties.replay());
  }

  /**
   * Feeds until stopped; after a failure, or a jump of the clock, plans again from the progress.
   */
  private void run() {
    while (running) {
      try {
        feed(plan());
      } catch (RuntimeException e) {
        if (!running) {
          break;
        }
        log.warn("Demo feed failed, retrying in {} s: {}", RETRY_AFTER.toSeconds(), e.toString());
        pause(RETRY_AFTER);
      }
    }
    phase = Phase.STOPPED;
  }

  /** Feeds the plan, then live until stopped or too far behind the clock. */
  private void feed(FeedPlan plan) {
    Ingestion pipeline = ingestion.getIfAvailable();
    if (pipeline == null) {
      log.warn("Demo feed off: no twin mapping (twinledger.twin.mapping) to ingest with");
      running = false;
      return;
    }
    BulkFiles files = new BulkFiles(directory, pipeline);
    Channels channels = new Channels(files, connectMqtt(), notifier());
    try {
      history(plan, files);
      live(replay(plan, channels), channels);
    } finally {
      channels.mqtt().ifPresent(MqttPublisher::close);
    }
  }

  private void history(FeedPlan plan, BulkFiles files) {
    List<FeedPlan.Span> months = plan.months();
    if (months.isEmpty()) {
      return;
    }
    phase = Phase.HISTORY;
    log.info(
        "Demo feed: importing readings published {} to {} as bulk files in {}",
        plan.from(),
        plan.bulkUntil(),
        directory);
    long started = System.nanoTime();
    FeedTally tally = new FeedTally();
    for (FeedPlan.Span month : months) {
      if (!running) {
        return;
      }
      String name =
          "riverton-history-" + YearMonth.from(month.from().atZone(ZoneOffset.UTC)) + ".csv";
      BulkImport.Totals totals =
          files.writeAndImport(
              name,
              generator.readings(month.from(), month.to()).map(BulkFiles.Line::of).iterator(),
              tally);
      tally.imported(totals);
      logImported(name, totals);
      if (village.isPresent()) {
        List<MeterReading> meters = village.get().taken(month.from(), month.to());
        if (!meters.isEmpty()) {
          String villageName =
              "riverton-village-" + YearMonth.from(month.from().atZone(ZoneOffset.UTC)) + ".csv";
          BulkImport.Totals villageTotals =
              files.writeAndImport(villageName, lines(meters).iterator(), tally);
          tally.imported(villageTotals);
          logImported(villageName, villageTotals);
        }
      }
      progress.fedUntil(month.to());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    log.info(
        String.format(
            Locale.ROOT,
            "Demo feed: history done, %,d readings in %.1f s (%,.0f readings/s): %s; per signal:"
                + " %s",
            tally.readings(),
            seconds,
            tally.readings() / Math.max(seconds, 1e-3),
            tally.channels(),
            tally.signals()));
  }

  private static void logImported(String name, BulkImport.Totals totals) {
    log.info(
        "Demo feed: imported {}: {} stored, {} duplicates, {} quarantined",
        name,
        totals.stored(),
        totals.duplicates(),
        totals.quarantined());
  }

  private static Stream<BulkFiles.Line> lines(List<MeterReading> meters) {
    return meters.stream().flatMap(reading -> VillageMeterReadings.lines(reading).stream());
  }

  /** Sends the plan's live span in hourly steps; returns how far it got. */
  private Instant replay(FeedPlan plan, Channels channels) {
    if (!running
        || Duration.between(plan.bulkUntil(), plan.now()).compareTo(properties.tick()) < 0) {
      // A restart within a tick or two: the first live round covers it.
      return plan.bulkUntil();
    }
    phase = Phase.REPLAY;
    log.info(
        "Demo feed: replaying readings published {} to {} over MQTT and NGSI-LD",
        plan.bulkUntil(),
        plan.now());
    long started = System.nanoTime();
    FeedTally tally = new FeedTally();
    Instant from = plan.bulkUntil();
    while (from.isBefore(plan.now()) && running) {
      Instant to = from.plus(REPLAY_STEP);
      if (to.isAfter(plan.now())) {
        to = plan.now();
      }
      send(from, to, channels, tally);
      progress.fedUntil(to);
      from = to;
    }
    log.info(
        String.format(
            Locale.ROOT,
            "Demo feed: replay done, %,d readings in %.1f s: %s; per signal: %s",
            tally.readings(),
            (System.nanoTime() - started) / 1e9,
            tally.channels(),
            tally.signals()));
    return from;
  }

  private void live(Instant from, Channels channels) {
    if (!running) {
      return;
    }
    phase = Phase.LIVE;
    log.info("Demo feed: live, sending new readings every {} s", properties.tick().toSeconds());
    Instant cursor = from;
    FeedTally tally = new FeedTally();
    long reportedAt = System.nanoTime();
    while (running) {
      pause(properties.tick());
      if (!running) {
        break;
      }
      Instant now = clock.instant();
      if (Duration.between(cursor, now).compareTo(properties.replay()) > 0) {
        // Suspended, or the clock jumped: catch up as a new start would, with files.
        log.info("Demo feed: {} behind the clock; planning again", Duration.between(cursor, now));
        return;
      }
      if (now.isAfter(cursor)) {
        send(cursor, now, channels, tally);
        progress.fedUntil(now);
        cursor = now;
      }
      if (System.nanoTime() - reportedAt >= LIVE_REPORT_EVERY.toNanos()) {
        log.info("Demo feed live, last hour: {} readings; {}", tally.readings(), tally.channels());
        tally = new FeedTally();
        reportedAt = System.nanoTime();
      }
    }
  }

  /**
   * Sends what was published in {@code [from, to)} over each sensor's live channel. NGSI-LD and
   * bulk readings published at the same moment travel together, as one notification per entity type
   * and one file.
   */
  private void send(Instant from, Instant to, Channels channels, FeedTally tally) {
    List<SimulatedReading> notification = new ArrayList<>();
    List<SimulatedReading> file = new ArrayList<>();
    for (Iterator<SimulatedReading> it = generator.readings(from, to).iterator(); it.hasNext(); ) {
      SimulatedReading reading = it.next();
      switch (reading.address()) {
        case MqttTopic topic -> {
          if (channels.mqtt().isPresent()) {
            channels.mqtt().get().publish(reading);
            tally.published(reading.signal().kpiId());
          }
        }
        case NgsiLdAttribute attribute -> {
          if (!sameMoment(notification, reading)) {
            notify(notification, channels, tally);
          }
          notification.add(reading);
        }
        case BulkSensor sensor -> {
          if (!sameMoment(file, reading)) {
            importFile(file, channels, tally);
          }
          file.add(reading);
        }
      }
    }
    notify(notification, channels, tally);
    importFile(file, channels, tally);
    village.ifPresent(meters -> sendMeters(meters.taken(from, to), channels, tally));
    channels.mqtt().ifPresent(MqttPublisher::flush);
  }

  /**
   * Sends the village's meter readings over their live channels: one MQTT message per meter and
   * reading, and one NGSI-LD notification per reading time for the meters read through a broker.
   */
  private void sendMeters(List<MeterReading> readings, Channels channels, FeedTally tally) {
    List<MeterReading> notification = new ArrayList<>();
    for (MeterReading reading : readings) {
      if (VillageMeterReadings.overMqtt(reading.household())) {
        if (channels.mqtt().isPresent()) {
          channels
              .mqtt()
              .get()
              .publish(
                  VillageMeterReadings.topic(reading.household()),
                  VillageMeterReadings.payload(reading));
          tally.published(MeterPositions.IMPORT, MeterPositions.EXPORT);
        }
        continue;
      }
      if (!notification.isEmpty() && !notification.getFirst().at().equals(reading.at())) {
        notifyMeters(notification, channels, tally);
      }
      notification.add(reading);
    }
    notifyMeters(notification, channels, tally);
  }

  private void notifyMeters(List<MeterReading> readings, Channels channels, FeedTally tally) {
    if (readings.isEmpty()) {
      return;
    }
    if (channels.ngsiLd().isPresent()) {
      int accepted = channels.ngsiLd().get().notifyMeters(readings);
      if (accepted > 0) {
        for (int i = 0; i < readings.size(); i++) {
          tally.written(MeterPositions.IMPORT);
          tally.written(MeterPositions.EXPORT);
        }
        tally.notified(accepted, readings.size() * 2);
      }
    }
    readings.clear();
  }

  private static boolean sameMoment(List<SimulatedReading> batch, SimulatedReading reading) {
    return batch.isEmpty() || batch.getFirst().publishedAt().equals(reading.publishedAt());
  }

  private void notify(List<SimulatedReading> readings, Channels channels, FeedTally tally) {
    if (readings.isEmpty()) {
      return;
    }
    if (channels.ngsiLd().isPresent()) {
      int accepted = channels.ngsiLd().get().notify(readings);
      if (accepted > 0) {
        readings.forEach(r -> tally.written(r.signal().kpiId()));
        tally.notified(accepted, readings.size());
      }
    }
    readings.clear();
  }

  /** One file per publication, named after its time, as an export job would write it. */
  private void importFile(List<SimulatedReading> readings, Channels channels, FeedTally tally) {
    if (readings.isEmpty()) {
      return;
    }
    String name = "riverton-" + FILE_TIME.format(readings.getFirst().publishedAt()) + ".csv";
    tally.imported(
        channels
            .files()
            .writeAndImport(name, readings.stream().map(BulkFiles.Line::of).iterator(), tally));
    readings.clear();
  }

  /** The broker the service subscribes to: the configured one, else its own embedded broker. */
  private Optional<TwinProperties.Mqtt> broker() {
    if (mqtt.host().isPresent()) {
      return Optional.of(mqtt);
    }
    return Optional.ofNullable(localBroker.getIfAvailable())
        .map(
            local ->
                new TwinProperties.Mqtt(
                    Optional.of(local.host()),
                    local.port(),
                    mqtt.clientId(),
                    Optional.empty(),
                    Optional.empty(),
                    true,
                    local.port()));
  }

  private Optional<MqttPublisher> connectMqtt() {
    Optional<TwinProperties.Mqtt> broker = broker();
    if (broker.isEmpty()) {
      log.info(
          "Demo feed: no MQTT broker configured (twinledger.twin.mqtt.host) or embedded; MQTT"
              + " signals are not fed");
      return Optional.empty();
    }
    TwinProperties.Mqtt b = broker.get();
    try {
      return Optional.of(
          MqttPublisher.connect(b.host().orElseThrow(), b.port(), b.username(), b.password()));
    } catch (IllegalStateException e) {
      log.info("Demo feed: MQTT signals are not fed: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** The service's own notification endpoint, once the web server has a port. */
  private Optional<NgsiLdNotifier> notifier() {
    String port = environment.getProperty("local.server.port");
    if (port == null) {
      log.info("Demo feed: no web server; NGSI-LD signals are not fed");
      return Optional.empty();
    }
    String contextPath = environment.getProperty("server.servlet.context-path", "");
    URI endpoint =
        URI.create("http://localhost:" + port + contextPath + "/api/v1/twin/ngsi-ld/notifications");
    return Optional.of(
        new NgsiLdNotifier(endpoint, properties.user(), properties.password(), clock));
  }

  private void pause(Duration duration) {
    synchronized (wakeUp) {
      if (!running) {
        return;
      }
      try {
        wakeUp.wait(Math.max(1, duration.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }

  /** Where each channel's readings go; MQTT and NGSI-LD may be unavailable. */
  private record Channels(
      BulkFiles files, Optional<MqttPublisher> mqtt, Optional<NgsiLdNotifier> ngsiLd) {}
}
