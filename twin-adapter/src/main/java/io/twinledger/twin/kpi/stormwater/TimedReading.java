package io.twinledger.twin.kpi.stormwater;

import java.time.Instant;
import java.util.List;

/** A reading that covers {@code [start, end]}; storm and overflow series share its rules. */
sealed interface TimedReading permits RainfallIncrement, OverflowReading {

  Instant start();

  Instant end();

  /**
   * Fails unless each reading starts at or after the previous one ends. An overlap would count the
   * same rain or discharge twice, so it is rejected rather than repaired.
   */
  static void requireChronological(List<? extends TimedReading> readings, String name) {
    for (int i = 1; i < readings.size(); i++) {
      Instant previousEnd = readings.get(i - 1).end();
      Instant start = readings.get(i).start();
      if (start.isBefore(previousEnd)) {
        throw new IllegalArgumentException(
            name
                + "["
                + i
                + "]: must start at or after the end of "
                + name
                + "["
                + (i - 1)
                + "] ("
                + previousEnd
                + "), starts "
                + start);
      }
    }
  }
}
