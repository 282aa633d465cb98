package io.twinledger.twin.kpi.stormwater;

import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The combined sewer overflow events of one outfall in a period: how many and how much.
 *
 * @param events the events in chronological order; may be empty
 */
public record CombinedSewerOverflows(List<OverflowEvent> events) {

  public CombinedSewerOverflows {
    events = Require.elements(events, "events");
  }

  /**
   * Detects overflow events in a monitor's readings.
   *
   * <p>A reading overflows when its mean flow is strictly above {@code flowThresholdM3PerS}; below
   * that the monitor is reading noise or drain-down, so those readings add neither events nor
   * volume. Overflowing readings separated by less than {@code minimumInterEventTime} of
   * non-overflowing time form one event, as permits usually count them; the event's volume is the
   * exact sum of its overflowing readings.
   *
   * @param readings the monitor's readings in chronological order, not overlapping
   * @param flowThresholdM3PerS detection threshold on mean flow, m³/s, zero or more
   * @param minimumInterEventTime shortest gap that separates two events, positive, for example 24
   *     hours
   */
  public static CombinedSewerOverflows detect(
      List<OverflowReading> readings,
      BigDecimal flowThresholdM3PerS,
      Duration minimumInterEventTime) {
    List<OverflowReading> series = Require.elements(readings, "readings");
    BigDecimal threshold = Require.nonNegative(flowThresholdM3PerS, "flowThresholdM3PerS");
    InterEventTime separation = new InterEventTime(minimumInterEventTime);
    TimedReading.requireChronological(series, "readings");
    List<OverflowReading> overflowing =
        series.stream().filter(reading -> reading.exceeds(threshold)).toList();
    List<OverflowEvent> events = new ArrayList<>();
    for (List<OverflowReading> group : separation.group(overflowing)) {
      events.add(
          new OverflowEvent(
              group.getFirst().start(),
              group.getLast().end(),
              group.stream()
                  .map(OverflowReading::volumeM3)
                  .reduce(BigDecimal.ZERO, BigDecimal::add)));
    }
    return new CombinedSewerOverflows(events);
  }

  /** Number of overflow events. */
  public int eventCount() {
    return events.size();
  }

  /** Total overflow volume, m³, exact. */
  public BigDecimal volumeM3() {
    return Require.normalised(
        events.stream().map(OverflowEvent::volumeM3).reduce(BigDecimal.ZERO, BigDecimal::add));
  }
}
