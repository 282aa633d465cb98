package io.twinledger.twin.formula;

import io.twinledger.twin.kpi.stormwater.CombinedSewerOverflows;
import io.twinledger.twin.kpi.stormwater.OverflowReading;
import io.twinledger.twin.period.Formula;
import io.twinledger.twin.period.FormulaResult;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.period.PeriodWindow;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Combined sewer overflows in the period. Each reading is the volume an overflow monitor logged
 * over the interval that ends at its observation time; a reading whose mean flow is above the
 * threshold overflows, and overflowing intervals less than the minimum inter-event time apart form
 * one event. Monitors are counted separately and their events added, as a permit counts each
 * outfall.
 *
 * @param measure what the KPI reports
 * @param flowThresholdM3PerS mean flow at or below which a monitor reads noise or drain-down
 * @param readingInterval the monitors' logging interval
 */
public record Overflows(
    Measure measure,
    BigDecimal flowThresholdM3PerS,
    Duration minimumInterEventTime,
    Duration readingInterval)
    implements Formula {

  static final String OVERFLOW = "overflow";

  /** What an overflow KPI reports. */
  public enum Measure {
    /** Number of overflow events. */
    EVENT_COUNT,
    /** Total overflow volume, m³. */
    VOLUME_M3
  }

  public Overflows {
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(flowThresholdM3PerS, "flowThresholdM3PerS");
    Objects.requireNonNull(minimumInterEventTime, "minimumInterEventTime");
    Objects.requireNonNull(readingInterval, "readingInterval");
  }

  @Override
  public List<String> roles() {
    return List.of(OVERFLOW);
  }

  @Override
  public FormulaResult apply(PeriodWindow window, Map<String, List<PeriodReading>> inputs) {
    Map<String, List<OverflowReading>> byMonitor = new LinkedHashMap<>();
    Formula.readings(inputs, OVERFLOW).stream()
        .sorted(Comparator.comparing((PeriodReading r) -> r.reading().observedAt()))
        .forEach(
            r ->
                byMonitor
                    .computeIfAbsent(r.reading().sensorId(), s -> new ArrayList<>())
                    .add(
                        new OverflowReading(
                            r.reading().observedAt().minus(readingInterval),
                            r.reading().observedAt(),
                            r.reading().value())));
    int events = 0;
    BigDecimal volume = BigDecimal.ZERO;
    for (List<OverflowReading> series : byMonitor.values()) {
      CombinedSewerOverflows overflows =
          CombinedSewerOverflows.detect(series, flowThresholdM3PerS, minimumInterEventTime);
      events += overflows.eventCount();
      volume = volume.add(overflows.volumeM3());
    }
    BigDecimal count = BigDecimal.valueOf(events);
    return FormulaResult.of(
        Optional.of(measure == Measure.EVENT_COUNT ? count : volume),
        Map.of(
            "overflowEvents", count,
            "overflowVolumeM3", volume,
            "monitors", BigDecimal.valueOf(byMonitor.size())));
  }
}
