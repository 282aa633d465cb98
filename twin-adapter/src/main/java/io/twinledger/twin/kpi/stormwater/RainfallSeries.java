package io.twinledger.twin.kpi.stormwater;

import io.twinledger.twin.kpi.Require;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A rain gauge's increments in chronological order, the input to rainfall depth and storm-event
 * separation.
 *
 * <p>Increments must not overlap (each starts at or after the previous one ends): an overlap is
 * rain counted twice, so it is rejected rather than repaired.
 *
 * @param increments the gauge increments; may be empty
 */
public record RainfallSeries(List<RainfallIncrement> increments) {

  public RainfallSeries {
    increments = Require.elements(increments, "increments");
    TimedReading.requireChronological(increments, "increments");
  }

  /** Total rainfall depth, mm: the exact sum of the increments. */
  public BigDecimal depthMm() {
    return Require.normalised(
        increments.stream()
            .map(RainfallIncrement::depthMm)
            .reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  /**
   * The increments that fall in the period {@code [periodStart, periodEnd)}, for the rainfall depth
   * of a KPI period.
   *
   * <p>An interval increment belongs to the period when it lies wholly inside; an instantaneous one
   * when its instant is at or after {@code periodStart} and before {@code periodEnd}, so a tip on a
   * boundary counts in the later period only. Splitting an increment that straddles a boundary
   * would invent how the rain fell within it, so that is rejected: choose period boundaries on the
   * gauge's logging grid.
   *
   * @throws IllegalArgumentException if an interval increment straddles a period boundary
   */
  public RainfallSeries within(Instant periodStart, Instant periodEnd) {
    Require.ordered(periodStart, periodEnd, "periodStart", "periodEnd");
    List<RainfallIncrement> inside = new ArrayList<>();
    for (int i = 0; i < increments.size(); i++) {
      RainfallIncrement increment = increments.get(i);
      Instant start = increment.start();
      Instant end = increment.end();
      if (start.equals(end)) {
        if (!start.isBefore(periodStart) && start.isBefore(periodEnd)) {
          inside.add(increment);
        }
      } else if (!start.isBefore(periodStart) && !end.isAfter(periodEnd)) {
        inside.add(increment);
      } else if (end.isAfter(periodStart) && start.isBefore(periodEnd)) {
        throw new IllegalArgumentException(
            "increments["
                + i
                + "]: ["
                + start
                + ", "
                + end
                + "] straddles the period ["
                + periodStart
                + ", "
                + periodEnd
                + ")");
      }
    }
    return new RainfallSeries(inside);
  }

  /**
   * Splits the series into storm events.
   *
   * <p>Only increments with rain are wet. A dry spell, measured from the end of one wet increment
   * to the start of the next, of at least {@code minimumInterEventTime} ends an event; shorter
   * spells stay inside it. An event's depth is the exact sum of its increments. Events lighter than
   * {@code minimumDepthMm} are dropped after splitting, so they still separate the events around
   * them.
   *
   * @param minimumInterEventTime shortest dry spell that separates two events, positive, for
   *     example 6 hours
   * @param minimumDepthMm least depth an event must reach to be kept (inclusive), mm, zero or more
   * @return the events in chronological order
   */
  public List<StormEvent> stormEvents(Duration minimumInterEventTime, BigDecimal minimumDepthMm) {
    InterEventTime separation = new InterEventTime(minimumInterEventTime);
    BigDecimal minimumDepth = Require.nonNegative(minimumDepthMm, "minimumDepthMm");
    List<RainfallIncrement> wet =
        increments.stream().filter(increment -> increment.depthMm().signum() > 0).toList();
    List<StormEvent> events = new ArrayList<>();
    for (List<RainfallIncrement> group : separation.group(wet)) {
      StormEvent event =
          new StormEvent(
              group.getFirst().start(), group.getLast().end(), new RainfallSeries(group).depthMm());
      if (event.depthMm().compareTo(minimumDepth) >= 0) {
        events.add(event);
      }
    }
    return List.copyOf(events);
  }
}
