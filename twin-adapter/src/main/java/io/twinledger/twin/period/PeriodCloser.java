package io.twinledger.twin.period;

import io.twinledger.twin.quality.QualityFlag;
import io.twinledger.twin.reading.Reading;
import io.twinledger.twin.reading.Sensor;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Closes a KPI period from its readings: aggregate, coverage, quality summary and evidence.
 *
 * <p><b>Coverage</b> is the share of reporting slots filled: the period is cut into slots of the
 * expected interval, and each sensor seen in the period is expected to fill every slot. A sensor
 * that reported twice in one slot fills it once. It is rounded half-up to two decimals.
 */
public final class PeriodCloser {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private PeriodCloser() {}

  /**
   * Closes {@code window} under {@code revision}.
   *
   * @param readings the period's readings, in any order; readings outside the window are refused
   * @param expectedInterval how often each sensor should report
   */
  public static ClosedPeriod close(
      String assetId,
      String kpiId,
      PeriodWindow window,
      int revision,
      PeriodAggregation aggregation,
      String unit,
      Duration expectedInterval,
      List<PeriodReading> readings) {
    List<PeriodReading> ordered =
        readings.stream()
            .sorted(Comparator.comparing((PeriodReading r) -> r.reading().observedAt()))
            .toList();
    Map<QualityFlag, Integer> summary = new EnumMap<>(QualityFlag.class);
    Set<String> digests = new TreeSet<>();
    Set<Slot> sensorSlots = new HashSet<>();
    Set<Sensor> sensors = new HashSet<>();
    for (PeriodReading periodReading : ordered) {
      Reading reading = periodReading.reading();
      if (!window.contains(reading.observedAt())) {
        throw new IllegalArgumentException(
            "reading observed at " + reading.observedAt() + " is outside " + window.label());
      }
      if (!reading.unit().equals(unit)) {
        throw new IllegalArgumentException(
            "reading in " + reading.unit() + " cannot join a period in " + unit);
      }
      periodReading.flags().forEach(flag -> summary.merge(flag, 1, Integer::sum));
      digests.add(periodReading.batchDigest());
      sensors.add(reading.sensor());
      long slot =
          Duration.between(window.start(), reading.observedAt()).toNanos()
              / expectedInterval.toNanos();
      sensorSlots.add(new Slot(reading.sensor(), slot));
    }
    return new ClosedPeriod(
        assetId,
        kpiId,
        window,
        revision,
        aggregation.apply(ordered.stream().map(r -> r.reading().value()).toList()),
        unit,
        coverage(sensorSlots.size(), sensors.size(), window, expectedInterval),
        ordered.size(),
        summary,
        List.copyOf(digests));
  }

  private static BigDecimal coverage(
      int filledSlots, int sensors, PeriodWindow window, Duration expectedInterval) {
    if (sensors == 0) {
      return BigDecimal.ZERO.setScale(2);
    }
    long slotsPerSensor =
        (window.length().toNanos() + expectedInterval.toNanos() - 1) / expectedInterval.toNanos();
    return BigDecimal.valueOf(filledSlots)
        .multiply(HUNDRED)
        .divide(BigDecimal.valueOf(slotsPerSensor * sensors), MathContext.DECIMAL64)
        .min(HUNDRED)
        .setScale(2, RoundingMode.HALF_UP);
  }

  /** One reporting slot of one sensor. */
  private record Slot(Sensor sensor, long index) {}
}
