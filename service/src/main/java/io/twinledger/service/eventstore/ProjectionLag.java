package io.twinledger.service.eventstore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * How far each event processor (projection) is behind the event store: the gauge {@value #LAG}
 * (Prometheus {@code twinledger_projection_lag_seconds}), tagged {@code processor}, is now minus
 * the timestamp of the oldest event the processor has not handled yet, read from the store after
 * each segment's token; 0 when it has handled everything. A processor idle for a day with nothing
 * to do is 0, not a day behind; one stuck on an event grows by a second every second.
 *
 * <p>Per segment this instance has claimed, the largest: on an instance that claims no segment of a
 * processor (several instances share them through the token store), or while the processor is
 * stopped, the value is NaN, and the instance that holds the segments reports it. The oldest event
 * after a segment's token may belong to another segment, so the figure is at most the true lag,
 * never less than it.
 *
 * <p>Axon's own {@code axon-micrometer} measures the latency of each message as it is handled,
 * which stays at its last value while a processor is idle or stuck; what an operator needs is the
 * age of the backlog, which needs the processors' positions against the store, as here.
 */
@Component
public class ProjectionLag {

  public static final String LAG = "twinledger.projection.lag";

  private final EventProcessingConfiguration processing;
  private final EventStorageEngine storage;
  private final MeterRegistry registry;
  private final Clock clock = Clock.systemUTC();

  public ProjectionLag(
      EventProcessingConfiguration processing, EventStorageEngine storage, MeterRegistry registry) {
    this.processing = processing;
    this.storage = storage;
    this.registry = registry;
  }

  /** One gauge per streaming processor, once every processor is registered and started. */
  @EventListener(ApplicationReadyEvent.class)
  void registerGauges() {
    processing
        .eventProcessors()
        .forEach(
            (name, processor) -> {
              if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder(LAG, streaming, this::seconds)
                    .description("Age of the oldest event the processor has not handled yet")
                    .baseUnit("seconds")
                    .tag("processor", name)
                    .strongReference(true)
                    .register(registry);
              }
            });
  }

  /** The lag of {@code processor} in seconds, NaN when this instance cannot tell. */
  double seconds(StreamingEventProcessor processor) {
    Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
    if (!processor.isRunning() || segments.isEmpty()) {
      return Double.NaN;
    }
    Instant now = clock.instant();
    Duration lag = Duration.ZERO;
    for (EventTrackerStatus segment : segments.values()) {
      Optional<Instant> oldest = oldestAfter(segment.getTrackingToken());
      if (oldest.isPresent() && oldest.get().isBefore(now)) {
        Duration behind = Duration.between(oldest.get(), now);
        lag = behind.compareTo(lag) > 0 ? behind : lag;
      }
    }
    return lag.toNanos() / 1e9;
  }

  /**
   * The timestamp of the first event after {@code token} (from the start when it is null); a replay
   * token stands for its lower bound, what the processor has handled in its current pass.
   */
  private Optional<Instant> oldestAfter(TrackingToken token) {
    TrackingToken position = token == null ? null : WrappedToken.unwrapLowerBound(token);
    try (Stream<? extends TrackedEventMessage<?>> next = storage.readEvents(position, false)) {
      return next.findFirst().map(EventMessage::getTimestamp);
    }
  }
}
