package io.twinledger.network.fabric;

import java.time.Duration;

/** Durations as Fabric's Go configuration writes them: {@code 2s}, {@code 500ms}. */
final class GoDurations {

  private GoDurations() {}

  static String format(Duration duration) {
    if (duration.toMillisPart() == 0 && duration.getNano() == 0) {
      return duration.toSeconds() + "s";
    }
    return duration.toMillis() + "ms";
  }
}
