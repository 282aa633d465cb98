package io.twinledger.twin.simulator;

import io.twinledger.twin.simulator.SensorAddress.BulkSensor;
import io.twinledger.twin.simulator.SensorAddress.MqttTopic;
import io.twinledger.twin.simulator.SensorAddress.NgsiLdAttribute;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The A12 corridor: ten asphalt segments of 0.1 mile, each with its own share of the truck traffic.
 *
 * <p>Wear is one number per segment, the damage: years since resurfacing weighted by the segment's
 * traffic (1.45 on segment 01, next to the industrial estate, falling to about 0.8 on segment 10).
 * Roughness (IRI, 1.0–3.0 m/km, a little higher in winter), rut depth (mm) and the Pavement
 * Condition Index (0–100) all follow it, so the busiest segments wear fastest.
 *
 * <p>A profiler drives the corridor once a month, on a weekday in the first week, at 09:00: it
 * measures the IRI of sixteen 10 m sections per segment (a survey file) and each segment's rut
 * depth. Every first month of a quarter an inspector also rates each segment's PCI that afternoon.
 * Results are published at 18:00. Segment 01 has a weigh-in-motion station that reports every axle
 * of every heavy vehicle: 400–500 trucks on weekdays, far fewer at weekends and on holidays, with
 * 2–6 axles of 20–130 kN depending on the vehicle and whether it is loaded.
 */
final class RoadCorridorModel {

  static final int SEGMENTS = 10;
  static final int SECTIONS = 16;
  static final String ENTITY_TYPE = "RoadSegment";

  private static final int SECTION_METRES = 10;
  private static final Instant WEAR_EPOCH = Instant.parse("2025-01-01T00:00:00Z");
  private static final double YEAR_SECONDS = 365.25 * 86_400;
  private static final LocalTime SURVEY_AT = LocalTime.of(9, 0);
  private static final LocalTime INSPECTION_AT = LocalTime.of(13, 0);
  private static final LocalTime PUBLISHED_AT = LocalTime.of(18, 0);

  /** The profiler at 60 km/h: 10 m take 0.6 s, a segment about 10 s. */
  private static final Duration SECTION_TIME = Duration.ofMillis(600);

  private static final Duration SEGMENT_TIME = Duration.ofSeconds(10);
  private static final Duration INSPECTION_TIME = Duration.ofMinutes(15);

  /** Trucks per day by day type; holidays see a third of a Sunday's. */
  private static final double WEEKDAY_TRUCKS = 440;

  private static final double SATURDAY_TRUCKS = 190;
  private static final double SUNDAY_TRUCKS = 85;
  private static final Set<MonthDay> HOLIDAYS =
      Set.of(MonthDay.of(1, 1), MonthDay.of(4, 27), MonthDay.of(12, 25), MonthDay.of(12, 26));

  /** Share of the day's trucks per local hour, before normalising. */
  private static final double[] WEEKDAY_HOURS = {
    0.8, 0.6, 0.6, 0.8, 1.5, 3.0, 5.5, 6.5, 7.0, 7.0, 7.0, 6.8, 6.5, 6.5, 6.5, 6.2, 5.8, 5.0, 3.8,
    2.8, 2.0, 1.6, 1.2, 1.0
  };

  private static final double[] WEEKEND_HOURS = {
    1.0, 0.8, 0.8, 0.8, 1.0, 1.5, 2.5, 3.5, 4.5, 5.5, 6.0, 6.0, 6.0, 5.8, 5.5, 5.0, 4.8, 4.5, 4.0,
    3.5, 3.0, 2.5, 2.0, 1.5
  };

  /** Minimum time between the last axle of one truck and the first of the next in a lane. */
  private static final long HEADWAY_MS = 1_000;

  private final long seed;
  private final ZoneId zone;
  private final double[] traffic = new double[SEGMENTS];
  private final double[] ageAtEpoch = new double[SEGMENTS];
  private final double[][] sectionOffset = new double[SEGMENTS][SECTIONS];

  RoadCorridorModel(long seed, ZoneId zone) {
    this.seed = seed;
    this.zone = zone;
    RandomGenerator random = Seeds.random(seed, "corridor", 0);
    for (int s = 0; s < SEGMENTS; s++) {
      traffic[s] = 1.45 - 0.07 * s + Seeds.gaussian(random, 0, 0.05);
      ageAtEpoch[s] = random.nextDouble(1.5, 6);
      for (int k = 0; k < SECTIONS; k++) {
        sectionOffset[s][k] = Math.clamp(Seeds.gaussian(random, 0, 0.12), -0.3, 0.3);
      }
    }
  }

  static String assetId(int segment) {
    return String.format("road-a12-s%02d", segment);
  }

  static String entityId(int segment) {
    return "urn:ngsi-ld:RoadSegment:riverton:" + assetId(segment);
  }

  static String axleTopic(int lane) {
    return "riverton/roads/a12/s01/wim/lane-" + lane + "/axle";
  }

  /** The readings published on local day {@code day}, in any order. */
  void publishedOn(LocalDate day, Consumer<SimulatedReading> out) {
    axles(day, out);
    if (day.equals(surveyDay(day.getYear(), day.getMonthValue()))) {
      survey(day, out);
    }
  }

  /** The monthly survey's day: a weekday from the 2nd to the 10th of the month. */
  LocalDate surveyDay(int year, int month) {
    RandomGenerator random = Seeds.random(seed, "survey", year * 12L + month);
    LocalDate day = LocalDate.of(year, month, 2 + random.nextInt(5));
    while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      day = day.plusDays(1);
    }
    return day;
  }

  private void survey(LocalDate day, Consumer<SimulatedReading> out) {
    RandomGenerator random = Seeds.random(seed, "profiler", day.toEpochDay());
    Instant published = ZonedDateTime.of(day, PUBLISHED_AT, zone).toInstant();
    Instant run = ZonedDateTime.of(day, SURVEY_AT, zone).toInstant();
    boolean inspection = (day.getMonthValue() - 1) % 3 == 0;
    Instant inspected = ZonedDateTime.of(day, INSPECTION_AT, zone).toInstant();
    for (int s = 0; s < SEGMENTS; s++) {
      int segment = s + 1;
      String asset = assetId(segment);
      Instant segmentStart = run.plus(SEGMENT_TIME.multipliedBy(s));
      double damage = damage(s, segmentStart);
      double winter = isWinter(day) ? 0.05 : 0;
      for (int k = 0; k < SECTIONS; k++) {
        Instant at = segmentStart.plus(SECTION_TIME.multipliedBy(k));
        double iri =
            0.95 + 0.19 * damage + sectionOffset[s][k] + winter + Seeds.gaussian(random, 0, 0.03);
        String sensor = String.format("profiler:s%02d:%03d", segment, (k + 1) * SECTION_METRES);
        out.accept(
            new SimulatedReading(
                Signal.IRI,
                asset,
                new BulkSensor(sensor),
                at,
                published,
                Signal.IRI.decimal(Math.max(0.6, iri))));
      }
      double rut = 1.2 + 1.5 * Math.pow(damage, 0.8) + Seeds.gaussian(random, 0, 0.2);
      out.accept(
          new SimulatedReading(
              Signal.RUT_DEPTH,
              asset,
              new NgsiLdAttribute(entityId(segment), ENTITY_TYPE, "rutDepth"),
              segmentStart,
              published,
              Signal.RUT_DEPTH.decimal(Math.max(0, rut))));
      if (inspection) {
        Instant at = inspected.plus(INSPECTION_TIME.multipliedBy(s));
        double pci = 100 - 3.4 * Math.pow(damage, 1.1) + Seeds.gaussian(random, 0, 1.0);
        out.accept(
            new SimulatedReading(
                Signal.PCI,
                asset,
                new NgsiLdAttribute(entityId(segment), ENTITY_TYPE, "pci"),
                at,
                published,
                Signal.PCI.decimal(Math.clamp(pci, 0, 100))));
      }
    }
  }

  /** Traffic-weighted years since resurfacing of segment index {@code s}. */
  private double damage(int s, Instant at) {
    double years = Duration.between(WEAR_EPOCH, at).toSeconds() / YEAR_SECONDS;
    return Math.max(0, traffic[s] * (ageAtEpoch[s] + years));
  }

  /** Frost lifts the pavement a little from December to March. */
  private static boolean isWinter(LocalDate day) {
    int month = day.getMonthValue();
    return month == 12 || month <= 3;
  }

  /** Every axle that crosses the weigh-in-motion station on local day {@code day}. */
  private void axles(LocalDate day, Consumer<SimulatedReading> out) {
    RandomGenerator random = Seeds.random(seed, "wim", day.toEpochDay());
    boolean weekend =
        day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    double trucks = trucksPerDay(day) * (1 + Seeds.gaussian(random, 0, 0.06));
    double[] hours = weekend ? WEEKEND_HOURS : WEEKDAY_HOURS;
    double hourTotal = 0;
    for (double share : hours) {
      hourTotal += share;
    }
    Instant start = day.atStartOfDay(zone).toInstant();
    // No truck in the last seconds of the day: its axles would be read tomorrow.
    Instant end = day.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(5);
    Instant[] laneFree = {start, start};
    for (Instant hour = start; hour.isBefore(end); hour = hour.plus(1, ChronoUnit.HOURS)) {
      double perHour = trucks * hours[hour.atZone(zone).getHour()] / hourTotal;
      Instant hourEnd = hour.plus(1, ChronoUnit.HOURS);
      // A Poisson process: exponential gaps between arrivals.
      double offsetMs = random.nextExponential() * 3_600_000 / perHour;
      while (offsetMs < 3_600_000) {
        Instant arrival = hour.plusMillis((long) offsetMs);
        int lane = random.nextInt(2);
        if (arrival.isBefore(laneFree[lane])) {
          arrival = laneFree[lane];
        }
        if (arrival.isBefore(hourEnd) && arrival.isBefore(end)) {
          laneFree[lane] = truck(random, arrival, lane + 1, out).plusMillis(HEADWAY_MS);
        }
        offsetMs += random.nextExponential() * 3_600_000 / perHour;
      }
    }
  }

  private static double trucksPerDay(LocalDate day) {
    if (HOLIDAYS.contains(MonthDay.from(day))) {
      return SUNDAY_TRUCKS / 3;
    }
    double base =
        switch (day.getDayOfWeek()) {
          case SATURDAY -> SATURDAY_TRUCKS;
          case SUNDAY -> SUNDAY_TRUCKS;
          default -> WEEKDAY_TRUCKS;
        };
    // Summer holidays in August and the last week of the year are quieter.
    if (day.getMonthValue() == 8) {
      return base * 0.9;
    }
    return day.getMonthValue() == 12 && day.getDayOfMonth() >= 24 ? base * 0.8 : base;
  }

  /** Emits a truck's axles, the first at {@code arrival}; returns when its last axle passed. */
  private static Instant truck(
      RandomGenerator random, Instant arrival, int lane, Consumer<SimulatedReading> out) {
    TruckType type = TruckType.pick(random.nextDouble());
    boolean loaded = random.nextDouble() < 0.65;
    boolean overloaded = loaded && random.nextDouble() < 0.03;
    double metresPerSecond = random.nextDouble(70, 90) / 3.6;
    SensorAddress station = new MqttTopic(axleTopic(lane));
    Instant at = arrival;
    for (int axle = 0; axle < type.roles().length; axle++) {
      if (axle > 0) {
        double spacing = type.spacings()[axle - 1] * random.nextDouble(0.93, 1.07);
        at = at.plusMillis(Math.max(1, Math.round(spacing / metresPerSecond * 1000)));
      }
      double load = type.roles()[axle].load(random, loaded);
      if (overloaded && axle > 0) {
        load *= 1.2;
      }
      out.accept(
          new SimulatedReading(
              Signal.AXLE_LOAD,
              assetId(1),
              station,
              at,
              at,
              Signal.AXLE_LOAD.decimal(Math.clamp(load, 20, 130))));
    }
    return at;
  }

  /** What an axle carries, loaded and empty, in kN: mean and deviation. */
  private enum AxleRole {
    STEER(58, 5, 45, 4),
    DRIVE(100, 9, 48, 5),
    TANDEM_DRIVE(82, 8, 38, 4),
    TRAILER(72, 8, 26, 4);

    private final double loadedMean;
    private final double loadedDeviation;
    private final double emptyMean;
    private final double emptyDeviation;

    AxleRole(double loadedMean, double loadedDeviation, double emptyMean, double emptyDeviation) {
      this.loadedMean = loadedMean;
      this.loadedDeviation = loadedDeviation;
      this.emptyMean = emptyMean;
      this.emptyDeviation = emptyDeviation;
    }

    double load(RandomGenerator random, boolean loaded) {
      return loaded
          ? Seeds.gaussian(random, loadedMean, loadedDeviation)
          : Seeds.gaussian(random, emptyMean, emptyDeviation);
    }
  }

  /** Heavy vehicles by axle arrangement, with their share of the traffic and axle spacings (m). */
  private enum TruckType {
    RIGID_2(0.25, new double[] {5.2}, AxleRole.STEER, AxleRole.DRIVE),
    RIGID_3(
        0.15,
        new double[] {4.8, 1.35},
        AxleRole.STEER,
        AxleRole.TANDEM_DRIVE,
        AxleRole.TANDEM_DRIVE),
    SEMI_4(
        0.10,
        new double[] {3.6, 7.5, 1.3},
        AxleRole.STEER,
        AxleRole.DRIVE,
        AxleRole.TRAILER,
        AxleRole.TRAILER),
    SEMI_5(
        0.45,
        new double[] {3.7, 6.2, 1.3, 1.3},
        AxleRole.STEER,
        AxleRole.DRIVE,
        AxleRole.TRAILER,
        AxleRole.TRAILER,
        AxleRole.TRAILER),
    SEMI_6(
        0.05,
        new double[] {3.6, 1.35, 6.0, 1.3, 1.3},
        AxleRole.STEER,
        AxleRole.TANDEM_DRIVE,
        AxleRole.TANDEM_DRIVE,
        AxleRole.TRAILER,
        AxleRole.TRAILER,
        AxleRole.TRAILER);

    private final double share;
    private final double[] spacings;
    private final AxleRole[] roles;

    TruckType(double share, double[] spacings, AxleRole... roles) {
      this.share = share;
      this.spacings = spacings;
      this.roles = roles;
    }

    double[] spacings() {
      return spacings;
    }

    AxleRole[] roles() {
      return roles;
    }

    static TruckType pick(double u) {
      double cumulative = 0;
      for (TruckType type : values()) {
        cumulative += type.share;
        if (u < cumulative) {
          return type;
        }
      }
      return SEMI_6;
    }
  }
}
