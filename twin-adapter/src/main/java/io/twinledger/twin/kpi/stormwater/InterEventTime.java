package io.twinledger.twin.kpi.stormwater;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The minimum inter-event time (MIET) of hydrology: wet readings separated by a dry spell at least
 * this long belong to different events; shorter dry spells stay inside one event. Storm events and
 * overflow events are both cut this way.
 *
 * @param minimum the MIET, positive
 */
record InterEventTime(Duration minimum) {

  InterEventTime {
    if (minimum == null || minimum.isNegative() || minimum.isZero()) {
      throw new IllegalArgumentException(
          "minimumInterEventTime: must be a positive duration, was " + minimum);
    }
  }

  /**
   * Groups wet readings, in chronological order and not overlapping, into events. The dry spell
   * runs from the end of one wet reading to the start of the next.
   */
  <T extends TimedReading> List<List<T>> group(List<T> wet) {
    List<List<T>> events = new ArrayList<>();
    List<T> current = new ArrayList<>();
    for (T reading : wet) {
      if (!current.isEmpty()
          && Duration.between(current.getLast().end(), reading.start()).compareTo(minimum) >= 0) {
        events.add(List.copyOf(current));
        current = new ArrayList<>();
      }
      current.add(reading);
    }
    if (!current.isEmpty()) {
      events.add(List.copyOf(current));
    }
    return events;
  }
}
