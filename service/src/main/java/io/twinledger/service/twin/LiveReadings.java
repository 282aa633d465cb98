package io.twinledger.service.twin;

import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.ReadingBatch;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells open pages, over server-sent events, that readings were stored or KPI periods closed: the
 * event {@value #READING} or {@value #PERIOD}, its data the ids of the assets concerned, separated
 * by spaces. An event only names what changed; a page fetches what it shows again through its own
 * role-checked GET ({@code hx-trigger="sse:reading"}), so a stream reveals no more than which
 * assets changed.
 *
 * <p>Arrivals are noted on the ingestion path, which must not wait for pages, and sent from the
 * hub's own thread at most once per {@code twinledger.ui.live-every} (default one second), so that
 * a bulk import of thousands of batches makes each page fetch once a second, not once a batch. A
 * stream for one asset gets only that asset's events; a stream for all gets one event per kind per
 * tick. A comment every {@link #HEARTBEAT} finds streams whose page has gone.
 *
 * <p>On stop, every stream is ended first (the default phase, the highest, stops first): an open
 * stream is a request in progress, which the web server's graceful shutdown would otherwise wait
 * for until its timeout.
 */
@Component
public class LiveReadings implements SmartLifecycle, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(LiveReadings.class);

  /** The event sent when readings were stored. */
  public static final String READING = "reading";

  /** The event sent when KPI periods were closed. */
  public static final String PERIOD = "period";

  /**
   * How long a stream stays open; the browser's EventSource then opens a new one by itself, through
   * the security checks again.
   */
  static final Duration STREAM_TIMEOUT = Duration.ofMinutes(10);

  /** How often a quiet stream gets a comment, so that a stream whose page has gone fails a send. */
  static final Duration HEARTBEAT = Duration.ofSeconds(20);

  /** A page listening, for one asset or for all. */
  private record Listener(SseEmitter emitter, Optional<String> assetId) {}

  private final Set<String> readingAssets = ConcurrentHashMap.newKeySet();
  private final Set<String> periodAssets = ConcurrentHashMap.newKeySet();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService sender =
      Executors.newSingleThreadScheduledExecutor(
          task -> Thread.ofPlatform().name("live-readings").daemon().unstarted(task));
  private final long ticksPerHeartbeat;
  private long ticks;
  private volatile boolean running;

  public LiveReadings(@Value("${twinledger.ui.live-every:PT1S}") Duration every) {
    this.ticksPerHeartbeat = Math.max(1, HEARTBEAT.toMillis() / every.toMillis());
    sender.scheduleWithFixedDelay(
        this::send, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Notes the assets of a stored batch; called on the ingestion path, so it only notes them. */
  public void stored(ReadingBatch batch) {
    for (AssessedReading assessed : batch.readings()) {
      readingAssets.add(assessed.reading().assetId());
    }
  }

  /** Notes that a period of the asset was closed. */
  public void periodClosed(String assetId) {
    periodAssets.add(assetId);
  }

  /**
   * A new stream of the events of one asset, or of all. It ends after {@link #STREAM_TIMEOUT}, or
   * when the page goes away.
   */
  public SseEmitter subscribe(Optional<String> assetId) {
    SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
    Listener listener = new Listener(emitter, assetId);
    emitter.onCompletion(() -> listeners.remove(listener));
    emitter.onTimeout(() -> listeners.remove(listener));
    emitter.onError(e -> listeners.remove(listener));
    listeners.add(listener);
    return emitter;
  }

  /** How many streams are open. */
  public int listening() {
    return listeners.size();
  }

  private void send() {
    try {
      Set<String> readings = drain(readingAssets);
      Set<String> periods = drain(periodAssets);
      boolean heartbeat = ++ticks % ticksPerHeartbeat == 0;
      for (Listener listener : listeners) {
        try {
          send(listener, READING, readings);
          send(listener, PERIOD, periods);
          if (heartbeat) {
            listener.emitter().send(SseEmitter.event().comment("still here"));
          }
        } catch (IOException | IllegalStateException gone) {
          // The page went away (the container then ends the stream itself), or the stream ended
          // between the look-up and the send.
          listeners.remove(listener);
        }
      }
    } catch (RuntimeException e) {
      // The thread must survive whatever one tick meets, or every page stops updating.
      log.warn("Sending live updates failed", e);
    }
  }

  private static void send(Listener listener, String event, Set<String> assets) throws IOException {
    Set<String> concerned =
        listener
            .assetId()
            .map(id -> assets.contains(id) ? Set.of(id) : Set.<String>of())
            .orElse(assets);
    if (!concerned.isEmpty()) {
      listener.emitter().send(SseEmitter.event().name(event).data(String.join(" ", concerned)));
    }
  }

  /** The noted assets, sorted, and forgets them; one noted meanwhile waits for the next tick. */
  private static Set<String> drain(Set<String> noted) {
    Set<String> drained = new TreeSet<>();
    for (String assetId : noted) {
      if (noted.remove(assetId)) {
        drained.add(assetId);
      }
    }
    return drained;
  }

  @Override
  public void start() {
    running = true;
  }

  /** Ends every stream; a page's EventSource then tries again, and finds the service gone. */
  @Override
  public void stop() {
    running = false;
    for (Listener listener : listeners) {
      listeners.remove(listener);
      listener.emitter().complete();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public void destroy() throws InterruptedException {
    sender.shutdownNow();
    sender.awaitTermination(5, TimeUnit.SECONDS);
  }
}
