package io.twinledger.twin.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.twin.kpi.road.AxleLoadEquivalency;
import io.twinledger.twin.kpi.stormwater.CombinedSewerOverflows;
import io.twinledger.twin.kpi.stormwater.OverflowReading;
import io.twinledger.twin.kpi.stormwater.RainfallIncrement;
import io.twinledger.twin.kpi.stormwater.RainfallSeries;
import io.twinledger.twin.kpi.stormwater.StormEvent;
import io.twinledger.twin.kpi.water.NonRevenueWater;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator is deterministic and its year looks like Riverton's: checked with the project's own
 * KPI formulas where they exist (storm events, overflow events, NRW, ESAL).
 */
class TwinSimulatorTest {

  private static final ZoneId ZONE = TwinSimulator.ZONE;
  private static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant YEAR_END = Instant.parse("2027-01-01T00:00:00Z");

  /** The demo's default seed and one with a dry year. */
  private static final long[] SEEDS = {2016, 7};

  private static final Map<Long, Year> YEARS = new HashMap<>();

  @BeforeAll
  static void generateYears() {
    for (long seed : SEEDS) {
      Year year = new Year();
      new TwinSimulator(seed).readings(YEAR_START, YEAR_END).forEach(year::add);
      YEARS.put(seed, year);
    }
  }

  @Test
  void theSameSeedAndRangeGiveTheSameReadings() {
    Instant from = Instant.parse("2026-03-28T10:00:00Z");
    Instant to = Instant.parse("2026-03-31T10:00:00Z");
    List<SimulatedReading> first = new TwinSimulator(42).readings(from, to).toList();
    List<SimulatedReading> second = new TwinSimulator(42).readings(from, to).toList();
    List<SimulatedReading> other = new TwinSimulator(43).readings(from, to).toList();

    assertThat(first).isNotEmpty().isEqualTo(second);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void overlappingRangesAgreeWhereTheyOverlap() {
    Instant a = Instant.parse("2026-10-24T13:17:00Z");
    Instant b = Instant.parse("2026-10-25T17:00:00Z"); // across the autumn clock change
    Instant c = Instant.parse("2026-10-27T03:40:00Z");
    TwinSimulator generator = new TwinSimulator(2016);

    List<SimulatedReading> whole = generator.readings(a, c).toList();
    List<SimulatedReading> pieces = new ArrayList<>(generator.readings(a, b).toList());
    pieces.addAll(new TwinSimulator(2016).readings(b, c).toList());

    assertThat(pieces).isEqualTo(whole);
  }

  @Test
  void readingsComeInPublicationOrderWithinTheRangeAndWithTheSignalsScale() {
    Instant from = Instant.parse("2026-06-01T22:00:00Z");
    Instant to = Instant.parse("2026-06-03T22:00:00Z");
    List<SimulatedReading> readings = new TwinSimulator(2016).readings(from, to).toList();

    assertThat(readings)
        .allSatisfy(
            r -> {
              assertThat(r.publishedAt()).isBetween(from, to.minusNanos(1));
              assertThat(r.observedAt()).isBeforeOrEqualTo(r.publishedAt());
              assertThat(r.value().scale()).isEqualTo(r.signal().scale());
              assertThat(r.value().signum()).isNotNegative();
            });
    assertThat(readings).isSortedAccordingTo((x, y) -> x.publishedAt().compareTo(y.publishedAt()));
  }

  @ParameterizedTest
  @ValueSource(longs = {2016, 7})
  void aYearHasEverySignalAtItsInterval(long seed) {
    Map<Signal, Long> counts = YEARS.get(seed).counts;
    long steps = Duration.between(YEAR_START, YEAR_END).toMinutes() / 5;

    assertThat(counts.get(Signal.SYSTEM_INPUT_VOLUME)).isEqualTo(steps / 3);
    assertThat(counts.get(Signal.RAINFALL_DEPTH)).isEqualTo(steps);
    assertThat(counts.get(Signal.RUNOFF_VOLUME)).isEqualTo(steps);
    assertThat(counts.get(Signal.OVERFLOW_VOLUME)).isGreaterThanOrEqualTo(steps / 12);
    assertThat(counts.get(Signal.NIGHT_FLOW)).isEqualTo(365);
    assertThat(counts.get(Signal.BILLED_CONSUMPTION)).isEqualTo(365);
    assertThat(counts.get(Signal.UNBILLED_AUTHORISED)).isEqualTo(365);
    assertThat(counts.get(Signal.APPARENT_LOSSES)).isEqualTo(365);
    assertThat(counts.get(Signal.IRI)).isEqualTo(12 * 10 * 16);
    assertThat(counts.get(Signal.RUT_DEPTH)).isEqualTo(12 * 10);
    assertThat(counts.get(Signal.PCI)).isEqualTo(4 * 10);
    assertThat(counts.get(Signal.AXLE_LOAD)).isBetween(300_000L, 800_000L);
    assertThat(counts.values().stream().mapToLong(Long::longValue).sum())
        .as("a year stays small enough to feed in a minute or two")
        .isLessThan(1_500_000);
  }

  @ParameterizedTest
  @ValueSource(longs = {2016, 7})
  void theWaterDistrictHasANightLowAndNonRevenueWaterInTheBand(long seed) {
    Year year = YEARS.get(seed);
    double dailyInput = year.systemInput.doubleValue() / 365;
    double nrw =
        new NonRevenueWater(year.systemInput, year.billed)
            .percentOfSystemInput()
            .orElseThrow()
            .doubleValue();

    assertThat(dailyInput).isBetween(4_000.0, 5_000.0);
    assertThat(nrw).isBetween(25.0, 32.0);
    assertThat(year.meanInputAtHours(2, 4))
        .as("the night low between 02:00 and 04:00")
        .isLessThan(0.5 * year.meanInputAtHours(7, 9));
  }

  @ParameterizedTest
  @ValueSource(longs = {2016, 7})
  void leaksRaiseTheNightFlowForDaysAndNonRevenueWaterWithIt(long seed) {
    Year year = YEARS.get(seed);
    List<Double> flows = new ArrayList<>(year.nightFlow.values());
    List<Double> sorted = flows.stream().sorted().toList();
    double median = sorted.get(sorted.size() / 2);
    List<LocalDate> days = new ArrayList<>(year.nightFlow.keySet());
    List<List<LocalDate>> leakRuns = new ArrayList<>();
    List<LocalDate> run = new ArrayList<>();
    for (int i = 0; i <= days.size(); i++) {
      if (i < days.size() && flows.get(i) >= 1.08 * median) {
        run.add(days.get(i));
        continue;
      }
      if (run.size() >= 2) {
        leakRuns.add(run);
      }
      run = new ArrayList<>();
    }

    assertThat(median).as("m³/h").isBetween(50.0, 110.0);
    assertThat(leakRuns).as("leaks lasting days, a few a year").hasSizeBetween(2, 8);
    double nrwOnLeakDays =
        leakRuns.stream()
            .flatMap(List::stream)
            .mapToDouble(year::dailyNrwPercent)
            .average()
            .orElseThrow();
    double nrwOtherwise =
        days.stream()
            .filter(day -> leakRuns.stream().noneMatch(r -> r.contains(day)))
            .mapToDouble(year::dailyNrwPercent)
            .average()
            .orElseThrow();
    assertThat(nrwOnLeakDays).isGreaterThan(nrwOtherwise + 2);
  }

  @ParameterizedTest
  @ValueSource(longs = {2016, 7})
  void stormsRunOffWithLagAndOverflowTheSewerAFewTimesAYear(long seed) {
    Year year = YEARS.get(seed);
    RainfallSeries rain = new RainfallSeries(year.rain);
    List<StormEvent> storms = rain.stormEvents(Duration.ofHours(6), new BigDecimal("0.2"));
    double depth = rain.depthMm().doubleValue();
    double baseline = StormwaterModel.runoffBaseline(depth);
    CombinedSewerOverflows overflows =
        CombinedSewerOverflows.detect(year.overflow, BigDecimal.ZERO, Duration.ofHours(12));

    assertThat(storms).as("wet events a year").hasSizeBetween(55, 105);
    assertThat(storms.stream().filter(s -> s.depthMm().doubleValue() > 30).count())
        .as("heavy storms")
        .isBetween(1L, 8L);
    assertThat(depth).as("mm a year").isBetween(400.0, 1_100.0);
    assertThat(year.runoff / baseline).as("runoff against 0.9 × rain × area").isBetween(0.55, 0.75);
    assertThat(overflows.eventCount()).isBetween(3, 6);
    assertThat(year.summerPeakRain).as("summer cloudbursts").isGreaterThan(year.winterPeakRain);

    StormEvent biggest =
        storms.stream().max((x, y) -> x.depthMm().compareTo(y.depthMm())).orElseThrow();
    assertThat(year.runoffPeakWithin(biggest))
        .as("runoff peaks after the rain does")
        .isAfter(year.rainPeakWithin(biggest));
    assertThat(year.runoffAt(biggest.end().plus(Duration.ofHours(1))))
        .as("the site still drains an hour after the rain")
        .isGreaterThan(0);
  }

  @ParameterizedTest
  @ValueSource(longs = {2016, 7})
  void trucksCrossTheWeighStationWithPlausibleAxlesMoreOnWeekdays(long seed) {
    Year year = YEARS.get(seed);
    double weekdayTrucks = year.meanTrucks(Set.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY));
    double sundayTrucks = year.meanTrucks(Set.of(DayOfWeek.SUNDAY));

    assertThat(year.minAxle).isGreaterThanOrEqualTo(20);
    assertThat(year.maxAxle).isLessThanOrEqualTo(130);
    assertThat(weekdayTrucks).isBetween(300.0, 500.0);
    assertThat(sundayTrucks).isLessThan(0.4 * weekdayTrucks);
    assertThat(year.minAxlesPerTruck).isEqualTo(2);
    assertThat(year.maxAxlesPerTruck).isEqualTo(6);
    assertThat(year.weekdayEsal.doubleValue() / year.weekdays)
        .as("ESAL a weekday, fourth-power law")
        .isBetween(200.0, 2_000.0);
  }

  @ParameterizedTest
  @ValueSource(longs = {2016, 7})
  void roadsWearSlowlyAndFasterWhereTrafficIsHeavier(long seed) {
    Year year = YEARS.get(seed);
    Map<String, List<Double>> iri = year.meanIriPerSurvey();

    assertThat(year.minIri).isGreaterThanOrEqualTo(0.6);
    assertThat(year.maxIri).isLessThan(3.6);
    for (int segment = 1; segment <= 10; segment++) {
      String asset = RoadCorridorModel.assetId(segment);
      List<Double> surveys = iri.get(asset);
      assertThat(surveys).hasSize(12);
      assertThat(surveys.getLast() - surveys.getFirst())
          .as("%s roughens over the year, slowly", asset)
          .isBetween(0.02, 0.5);
      List<Double> ruts = year.rut.get(asset);
      assertThat(ruts.getLast()).as("%s ruts deepen", asset).isGreaterThan(ruts.getFirst());
    }
    double heavy = change(iri.get("road-a12-s01"));
    double light = change(iri.get("road-a12-s10"));
    assertThat(heavy).isGreaterThan(light);
    double pciFirst =
        year.pci.values().stream().mapToDouble(List::getFirst).average().orElseThrow();
    double pciLast = year.pci.values().stream().mapToDouble(List::getLast).average().orElseThrow();
    assertThat(pciLast).as("PCI declines").isLessThan(pciFirst);
    assertThat(pciLast).isBetween(40.0, 100.0);
  }

  private static double change(List<Double> surveys) {
    return surveys.getLast() - surveys.getFirst();
  }

  /** A year's readings boiled down as they stream past; nothing kept per axle. */
  private static final class Year {
    final Map<Signal, Long> counts = new EnumMap<>(Signal.class);
    BigDecimal systemInput = BigDecimal.ZERO;
    BigDecimal billed = BigDecimal.ZERO;
    final Map<LocalDate, Double> inputByDay = new TreeMap<>();
    final Map<LocalDate, Double> billedByDay = new TreeMap<>();
    final Map<Integer, double[]> inputByHour = new HashMap<>();
    final Map<LocalDate, Double> nightFlow = new TreeMap<>();
    final List<RainfallIncrement> rain = new ArrayList<>();
    final Map<Instant, Double> rainAt = new HashMap<>();
    final Map<Instant, Double> runoffAt = new HashMap<>();
    double runoff;
    double summerPeakRain;
    double winterPeakRain;
    final List<OverflowReading> overflow = new ArrayList<>();
    double minAxle = Double.MAX_VALUE;
    double maxAxle;
    final Map<String, Instant> lastAxle = new HashMap<>();
    final Map<String, Integer> axlesOfTruck = new HashMap<>();
    final Map<LocalDate, Integer> trucksByDay = new TreeMap<>();
    int minAxlesPerTruck = Integer.MAX_VALUE;
    int maxAxlesPerTruck;
    final List<BigDecimal> weekdayLoads = new ArrayList<>();
    BigDecimal weekdayEsal = BigDecimal.ZERO;
    int weekdays;
    LocalDate loadDay;
    double minIri = Double.MAX_VALUE;
    double maxIri;
    final Map<String, Map<LocalDate, double[]>> iriSums = new TreeMap<>();
    final Map<String, List<Double>> rut = new TreeMap<>();
    final Map<String, List<Double>> pci = new TreeMap<>();

    void add(SimulatedReading r) {
      counts.merge(r.signal(), 1L, Long::sum);
      double v = r.value().doubleValue();
      LocalDate day = LocalDate.ofInstant(r.observedAt(), ZONE);
      switch (r.signal()) {
        case SYSTEM_INPUT_VOLUME -> {
          systemInput = systemInput.add(r.value());
          inputByDay.merge(day, v, Double::sum);
          int hour = r.observedAt().atZone(ZONE).getHour();
          double[] sum = inputByHour.computeIfAbsent(hour, h -> new double[2]);
          sum[0] += v;
          sum[1]++;
        }
        case BILLED_CONSUMPTION -> {
          billed = billed.add(r.value());
          billedByDay.put(day, v);
        }
        case NIGHT_FLOW -> nightFlow.put(day, v / 1000);
        case RAINFALL_DEPTH -> {
          rain.add(
              new RainfallIncrement(
                  r.observedAt().minus(Duration.ofMinutes(5)), r.observedAt(), r.value()));
          rainAt.put(r.observedAt(), v);
          int month = day.getMonthValue();
          if (month >= 6 && month <= 8) {
            summerPeakRain = Math.max(summerPeakRain, v);
          } else if (month == 12 || month <= 2) {
            winterPeakRain = Math.max(winterPeakRain, v);
          }
        }
        case RUNOFF_VOLUME -> {
          runoff += v;
          runoffAt.put(r.observedAt(), v);
        }
        case OVERFLOW_VOLUME ->
            overflow.add(
                new OverflowReading(
                    r.observedAt().minus(Duration.ofMinutes(5)), r.observedAt(), r.value()));
        case AXLE_LOAD -> axle(r, day, v);
        case IRI -> {
          minIri = Math.min(minIri, v);
          maxIri = Math.max(maxIri, v);
          double[] sum =
              iriSums
                  .computeIfAbsent(r.assetId(), a -> new TreeMap<>())
                  .computeIfAbsent(day, d -> new double[2]);
          sum[0] += v;
          sum[1]++;
        }
        case RUT_DEPTH -> rut.computeIfAbsent(r.assetId(), a -> new ArrayList<>()).add(v);
        case PCI -> pci.computeIfAbsent(r.assetId(), a -> new ArrayList<>()).add(v);
        default -> {}
      }
    }

    /** Per segment, the mean IRI of its sections at each survey, in survey order. */
    Map<String, List<Double>> meanIriPerSurvey() {
      return iriSums.entrySet().stream()
          .collect(
              Collectors.toMap(
                  Map.Entry::getKey,
                  e -> e.getValue().values().stream().map(s -> s[0] / s[1]).toList()));
    }

    private void axle(SimulatedReading r, LocalDate day, double load) {
      minAxle = Math.min(minAxle, load);
      maxAxle = Math.max(maxAxle, load);
      String lane = r.sensorId();
      Instant previous = lastAxle.put(lane, r.observedAt());
      boolean newTruck =
          previous == null || Duration.between(previous, r.observedAt()).toMillis() >= 1_000;
      if (newTruck) {
        Integer axles = axlesOfTruck.put(lane, 1);
        if (axles != null) {
          minAxlesPerTruck = Math.min(minAxlesPerTruck, axles);
          maxAxlesPerTruck = Math.max(maxAxlesPerTruck, axles);
        }
        trucksByDay.merge(day, 1, Integer::sum);
      } else {
        axlesOfTruck.merge(lane, 1, Integer::sum);
      }
      if (!day.equals(loadDay)) {
        if (!weekdayLoads.isEmpty()) {
          weekdayEsal = weekdayEsal.add(AxleLoadEquivalency.FOURTH_POWER_LAW.esal(weekdayLoads));
          weekdays++;
          weekdayLoads.clear();
        }
        loadDay = day;
      }
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        weekdayLoads.add(r.value());
      }
    }

    double meanInputAtHours(int fromHour, int toHour) {
      double sum = 0;
      double count = 0;
      for (int hour = fromHour; hour < toHour; hour++) {
        sum += inputByHour.get(hour)[0];
        count += inputByHour.get(hour)[1];
      }
      return sum / count;
    }

    double dailyNrwPercent(LocalDate day) {
      double input = inputByDay.getOrDefault(day, 0.0);
      double billedThatDay = billedByDay.getOrDefault(day, input);
      return input == 0 ? 0 : 100 * (input - billedThatDay) / input;
    }

    double meanTrucks(Set<DayOfWeek> days) {
      return trucksByDay.entrySet().stream()
          .filter(e -> days.contains(e.getKey().getDayOfWeek()))
          .mapToInt(Map.Entry::getValue)
          .average()
          .orElseThrow();
    }

    Instant rainPeakWithin(StormEvent storm) {
      return peak(rainAt, storm.start(), storm.end());
    }

    Instant runoffPeakWithin(StormEvent storm) {
      return peak(runoffAt, storm.start(), storm.end().plus(Duration.ofHours(6)));
    }

    double runoffAt(Instant at) {
      Instant step = Instant.ofEpochSecond(at.getEpochSecond() / 300 * 300);
      return runoffAt.getOrDefault(step, 0.0);
    }

    private static Instant peak(Map<Instant, Double> series, Instant from, Instant to) {
      return series.entrySet().stream()
          .filter(e -> !e.getKey().isBefore(from) && !e.getKey().isAfter(to))
          .max(Map.Entry.comparingByValue())
          .orElseThrow()
          .getKey();
    }
  }
}
