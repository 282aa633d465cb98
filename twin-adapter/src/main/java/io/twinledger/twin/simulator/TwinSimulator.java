package io.twinledger.twin.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Generates Riverton's measured signals (see {@link Signal}): the water district's inlet volumes,
 * night flows and daily water balance, the stormwater site's rain, runoff and sewer overflows, and
 * the road corridor's surveys and axle loads. {@code WaterDistrictModel}, {@code StormwaterModel}
 * and {@code RoadCorridorModel} describe what each looks like; the package documentation states the
 * units and time conventions.
 *
 * <pre>{@code
 * new TwinSimulator(2016)
 *     .readings(from, from.plus(Duration.ofDays(1)))
 *     .filter(r -> r.signal() == Signal.RAINFALL_DEPTH)
 *     .forEach(r -> send(r.address(), r.observedAt(), r.value()));
 * }</pre>
 *
 * <p><b>Deterministic.</b> Every random draw comes from an {@code L64X128MixRandom} seeded by the
 * seed and what is being drawn (a day, a year's storms, a month's survey), never from a generator
 * that ran since some start. The same seed therefore gives the same reading at the same time
 * whatever range is asked for: ranges that overlap agree where they overlap, which makes a resumed
 * feed identical to an uninterrupted one.
 *
 * <p><b>Streaming.</b> {@link #readings} generates one local day at a time, so memory stays that of
 * a day (a few thousand readings) however long the range.
 *
 * <p>Local days are those of {@link #ZONE}; values are computed in doubles and emitted as decimals
 * with each signal's fixed scale. Instances may be shared between threads: their only state is
 * caches of each year's leaks and storms, which are themselves deterministic.
 */
public final class TwinSimulator {

  /**
   * Riverton's time zone: its local days, working hours and survey days are this zone's. The demo
   * registers Riverton's assets in the same zone.
   */
  public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

  private static final Comparator<SimulatedReading> PUBLICATION_ORDER =
      Comparator.comparing(SimulatedReading::publishedAt)
          .thenComparing(SimulatedReading::signal)
          .thenComparing(SimulatedReading::sensorId)
          .thenComparing(SimulatedReading::observedAt);

  private final WaterDistrictModel water;
  private final StormwaterModel stormwater;
  private final RoadCorridorModel roads;

  /**
   * @param seed any value; the same seed gives the same readings, another seed another city of the
   *     same kind
   */
  public TwinSimulator(long seed) {
    this.water = new WaterDistrictModel(seed, ZONE);
    this.stormwater = new StormwaterModel(seed, ZONE);
    this.roads = new RoadCorridorModel(seed, ZONE);
  }

  /**
   * Every reading published in {@code [from, to)}, in order of publication (then signal, sensor and
   * observation time).
   */
  public Stream<SimulatedReading> readings(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      return Stream.empty();
    }
    LocalDate first = LocalDate.ofInstant(from, ZONE);
    LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZONE);
    return first
        .datesUntil(last.plusDays(1))
        .flatMap(day -> publishedOn(day).stream())
        .filter(r -> !r.publishedAt().isBefore(from) && r.publishedAt().isBefore(to));
  }

  /**
   * The local day on which the road corridor's survey of a month takes place: a weekday from the
   * 2nd to the 10th. Its results are published at 18:00 that day.
   */
  public LocalDate surveyDay(int year, int month) {
    return roads.surveyDay(year, month);
  }

  private List<SimulatedReading> publishedOn(LocalDate day) {
    List<SimulatedReading> readings = new ArrayList<>(4_096);
    water.publishedOn(day, readings::add);
    stormwater.publishedOn(day, readings::add);
    roads.publishedOn(day, readings::add);
    readings.sort(PUBLICATION_ORDER);
    return readings;
  }
}
