package io.twinledger.twin.formula;

import io.twinledger.twin.kpi.Ratio;
import io.twinledger.twin.kpi.stormwater.EventRunoff;
import io.twinledger.twin.kpi.stormwater.RainfallIncrement;
import io.twinledger.twin.kpi.stormwater.RainfallSeries;
import io.twinledger.twin.kpi.stormwater.RunoffPerformance;
import io.twinledger.twin.kpi.stormwater.StormEvent;
import io.twinledger.twin.period.Formula;
import io.twinledger.twin.period.FormulaResult;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.period.PeriodWindow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Green-infrastructure performance over the period's storm events.
 *
 * <p>Rain readings are gauge increments in mm at their observation instant; where several gauges
 * report at one instant, the site's rainfall is their mean. The increments split into storm events
 * by the minimum inter-event time and depth. For each event, <b>baseline runoff</b> = coefficient ×
 * event depth × impervious area, the runoff the site would shed without the green infrastructure;
 * <b>observed runoff</b> = the outfall volumes observed from the event's start until its end plus
 * the drain-down time. The result is volume-weighted over the events, as contracts define it.
 *
 * <p>An event whose drain-down runs past the period's end is still judged, on the runoff observed
 * inside the period, and a remark names it.
 *
 * @param measure what the KPI reports: reduction in percent, or volume captured in m³
 * @param imperviousAreaM2 the site's impervious area
 * @param baselineRunoffCoefficient share of rain on impervious area that runs off without the site
 */
public record StormRunoff(
    Measure measure,
    BigDecimal imperviousAreaM2,
    BigDecimal baselineRunoffCoefficient,
    Duration minimumInterEventTime,
    BigDecimal minimumEventDepthMm,
    Duration drainDown)
    implements Formula {

  static final String RAINFALL = "rainfall";
  static final String RUNOFF = "runoff";
  private static final BigDecimal MM_PER_M = BigDecimal.valueOf(1000);

  /** What a storm-runoff KPI reports. */
  public enum Measure {
    /** (Σ baseline − Σ observed) / Σ baseline × 100; empty without a storm. */
    REDUCTION_PERCENT,
    /** Σ baseline − Σ observed, m³; zero without a storm. */
    VOLUME_CAPTURED_M3
  }

  public StormRunoff {
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(imperviousAreaM2, "imperviousAreaM2");
    Objects.requireNonNull(baselineRunoffCoefficient, "baselineRunoffCoefficient");
    Objects.requireNonNull(minimumInterEventTime, "minimumInterEventTime");
    Objects.requireNonNull(minimumEventDepthMm, "minimumEventDepthMm");
    Objects.requireNonNull(drainDown, "drainDown");
  }

  @Override
  public List<String> roles() {
    return List.of(RAINFALL, RUNOFF);
  }

  @Override
  public FormulaResult apply(PeriodWindow window, Map<String, List<PeriodReading>> inputs) {
    List<StormEvent> storms =
        arealRainfall(Formula.readings(inputs, RAINFALL))
            .stormEvents(minimumInterEventTime, minimumEventDepthMm);
    List<PeriodReading> runoff = Formula.readings(inputs, RUNOFF);
    List<EventRunoff> events = new ArrayList<>();
    List<String> remarks = new ArrayList<>();
    BigDecimal rainOnEventsMm = BigDecimal.ZERO;
    for (StormEvent storm : storms) {
      Instant until = storm.end().plus(drainDown);
      if (until.isAfter(window.end())) {
        remarks.add(
            "The storm of "
                + storm.start()
                + " drains down past the period's end; its runoff after "
                + window.end()
                + " is not counted.");
      }
      BigDecimal observed =
          runoff.stream()
              .filter(
                  r ->
                      !r.reading().observedAt().isBefore(storm.start())
                          && r.reading().observedAt().isBefore(until))
              .map(r -> r.reading().value())
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal baseline =
          baselineRunoffCoefficient
              .multiply(storm.depthMm())
              .multiply(imperviousAreaM2)
              .divide(MM_PER_M);
      events.add(new EventRunoff(baseline, observed));
      rainOnEventsMm = rainOnEventsMm.add(storm.depthMm());
    }
    RunoffPerformance performance = new RunoffPerformance(events);
    Map<String, BigDecimal> components = new TreeMap<>();
    components.put("stormEvents", BigDecimal.valueOf(events.size()));
    components.put("eventRainfallMm", rainOnEventsMm);
    components.put("baselineRunoffM3", performance.baselineRunoffM3());
    components.put("observedRunoffM3", performance.observedRunoffM3());
    components.put("volumeCapturedM3", performance.volumeCapturedM3());
    Optional<BigDecimal> value =
        switch (measure) {
          case REDUCTION_PERCENT -> performance.reductionPercent();
          case VOLUME_CAPTURED_M3 -> Optional.of(performance.volumeCapturedM3());
        };
    return new FormulaResult(value, components, remarks, Optional.empty());
  }

  /** The mean of the gauges reporting at each instant, in time order. */
  private static RainfallSeries arealRainfall(List<PeriodReading> rain) {
    Map<Instant, List<BigDecimal>> byInstant = new TreeMap<>();
    for (PeriodReading reading : rain) {
      byInstant
          .computeIfAbsent(reading.reading().observedAt(), at -> new ArrayList<>())
          .add(reading.reading().value());
    }
    List<RainfallIncrement> increments = new ArrayList<>();
    byInstant.forEach(
        (at, depths) ->
            increments.add(
                new RainfallIncrement(
                    at,
                    at,
                    depths.stream()
                        .reduce(BigDecimal.ZERO, BigDecimal::add)
                        .divide(BigDecimal.valueOf(depths.size()), Ratio.PRECISION))));
    return new RainfallSeries(increments);
  }
}
