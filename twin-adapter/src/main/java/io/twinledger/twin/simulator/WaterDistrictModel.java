package io.twinledger.twin.simulator;

import io.twinledger.twin.simulator.SensorAddress.BulkSensor;
import io.twinledger.twin.simulator.SensorAddress.NgsiLdAttribute;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * North Hill DMA: 6,200 connections on 42.5 km of mains at 48 m average pressure.
 *
 * <p>The inlet flow is customer demand (about 3,250 m³ a day, with a diurnal pattern that is lowest
 * between 02:00 and 04:00, a weekend pattern, a summer peak and day-to-day noise), authorised
 * unbilled use (a trickle plus mains flushing on about one day in twelve), and leakage: a
 * background of 43 m³/h plus the leaks of the year, all rising with pressure, which is highest at
 * night when demand is low (leakage ∝ pressure^1.15). A few bursts a year (6–14 m³/h, repaired
 * within 2–9 days) and background leaks (2–5 m³/h, growing over weeks until found) raise the flow,
 * most visibly in the minimum night flow. Apparent losses are 3.4 % of customer use; non-revenue
 * water comes to about 26–30 % of the system input, more while leaks run.
 */
final class WaterDistrictModel {

  static final String ASSET = "dma-north-hill";

  /** The Smart Data Models entity of the district's inlet meter. */
  static final String INLET = "urn:ngsi-ld:WaterConsumptionObserved:riverton:north-hill-inlet";

  static final String INLET_TYPE = "WaterConsumptionObserved";

  private static final SensorAddress INLET_VOLUME =
      new NgsiLdAttribute(INLET, INLET_TYPE, "waterConsumption");
  private static final SensorAddress INLET_MIN_FLOW =
      new NgsiLdAttribute(INLET, INLET_TYPE, "minFlow");
  private static final SensorAddress BILLING = new BulkSensor("ami-billing");
  private static final SensorAddress UNBILLED = new BulkSensor("unbilled-estimate");
  private static final SensorAddress APPARENT = new BulkSensor("apparent-loss-estimate");

  private static final Duration QUARTER = Duration.ofMinutes(15);
  private static final double QUARTER_HOURS = 0.25;

  private static final double CUSTOMER_M3_PER_DAY = 3_250;
  private static final double BACKGROUND_LEAKAGE_M3_PER_H = 43;

  /** FAVAD N1: leakage grows with pressure to this power. */
  private static final double LEAKAGE_EXPONENT = 1.15;

  /** Meter under-registration plus unauthorised use, as a share of customer use. */
  private static final double APPARENT_SHARE = 0.034;

  private static final double UNBILLED_M3_PER_H = 1.5;
  private static final double FLUSHING_M3_PER_H = 30;
  private static final double FLUSHING_DAYS = 1 / 12.0;
  private static final int FLUSHING_FROM_HOUR = 10;
  private static final int FLUSHING_TO_HOUR = 13;

  private static final LocalTime NIGHT_FLOW_AT = LocalTime.of(3, 0);

  /** The AMI export and the daily estimates of a day are released the next morning. */
  private static final LocalTime BALANCE_PUBLISHED_AT = LocalTime.of(6, 0);

  /** Relative demand per local hour (00–01, 01–02, …), before normalising to a mean of 1. */
  private static final double[] WEEKDAY = {
    0.42, 0.28, 0.22, 0.20, 0.24, 0.48, 1.10, 1.70, 1.62, 1.30, 1.15, 1.10, 1.18, 1.10, 1.00, 0.98,
    1.08, 1.38, 1.62, 1.52, 1.32, 1.10, 0.85, 0.62
  };

  private static final double[] WEEKEND = {
    0.50, 0.34, 0.25, 0.21, 0.21, 0.27, 0.50, 0.90, 1.35, 1.60, 1.55, 1.40, 1.35, 1.20, 1.10, 1.05,
    1.10, 1.30, 1.50, 1.45, 1.30, 1.12, 0.90, 0.68
  };

  private static final double[] WEEKDAY_PROFILE = normalised(WEEKDAY);
  private static final double[] WEEKEND_PROFILE = normalised(WEEKEND);

  private final long seed;
  private final ZoneId zone;
  private final Map<Integer, List<Leak>> leaksByYear = new ConcurrentHashMap<>();

  WaterDistrictModel(long seed, ZoneId zone) {
    this.seed = seed;
    this.zone = zone;
  }

  /** The readings published on local day {@code day}, in any order. */
  void publishedOn(LocalDate day, Consumer<SimulatedReading> out) {
    Day yesterday = simulate(day.minusDays(1));
    Day today = simulate(day);
    // The quarter that ends at midnight belongs to yesterday's flow but is read today.
    out.accept(inletVolume(yesterday, yesterday.size() - 1));
    for (int q = 0; q < today.size() - 1; q++) {
      out.accept(inletVolume(today, q));
    }
    out.accept(nightFlow(today));
    Instant balanceAt = day.atTime(BALANCE_PUBLISHED_AT).atZone(zone).toInstant();
    Instant yesterdayStart = yesterday.date().atStartOfDay(zone).toInstant();
    double customer = sum(yesterday.customer());
    double billed = customer * (1 - APPARENT_SHARE) * yesterday.billingError();
    out.accept(daily(Signal.BILLED_CONSUMPTION, BILLING, yesterdayStart, balanceAt, billed));
    out.accept(
        daily(
            Signal.UNBILLED_AUTHORISED,
            UNBILLED,
            yesterdayStart,
            balanceAt,
            sum(yesterday.unbilled()) * yesterday.unbilledError()));
    out.accept(
        daily(
            Signal.APPARENT_LOSSES,
            APPARENT,
            yesterdayStart,
            balanceAt,
            billed * APPARENT_SHARE / (1 - APPARENT_SHARE) * yesterday.apparentError()));
  }

  private SimulatedReading inletVolume(Day day, int quarter) {
    Instant end = day.ends().get(quarter);
    return new SimulatedReading(
        Signal.SYSTEM_INPUT_VOLUME,
        ASSET,
        INLET_VOLUME,
        end,
        end,
        Signal.SYSTEM_INPUT_VOLUME.decimal(day.metered()[quarter]));
  }

  /** The lowest 15-minute flow of the hour before 03:00, as the inlet meter's {@code minFlow}. */
  private SimulatedReading nightFlow(Day day) {
    Instant at = ZonedDateTime.of(day.date(), NIGHT_FLOW_AT, zone).toInstant();
    Instant from = at.minus(Duration.ofHours(1));
    double lowest = Double.MAX_VALUE;
    for (int q = 0; q < day.size(); q++) {
      Instant end = day.ends().get(q);
      if (end.isAfter(from) && !end.isAfter(at)) {
        lowest = Math.min(lowest, day.metered()[q] / QUARTER_HOURS);
      }
    }
    double litresPerHour = lowest * 1000;
    return new SimulatedReading(
        Signal.NIGHT_FLOW, ASSET, INLET_MIN_FLOW, at, at, Signal.NIGHT_FLOW.decimal(litresPerHour));
  }

  private static SimulatedReading daily(
      Signal signal, SensorAddress sensor, Instant dayStart, Instant publishedAt, double m3) {
    return new SimulatedReading(signal, ASSET, sensor, dayStart, publishedAt, signal.decimal(m3));
  }

  /**
   * The district's flows in the quarters of one local day (92, 96 or 100 of them), each ending
   * after the day's start and at the latest at its end. Draws come from the day's own generator, in
   * a fixed order, so a day is the same whenever it is generated.
   */
  private Day simulate(LocalDate date) {
    RandomGenerator random = Seeds.random(seed, "water", date.toEpochDay());
    double base =
        CUSTOMER_M3_PER_DAY
            * seasonal(date)
            * weekly(date.getDayOfWeek())
            * (1 + Seeds.gaussian(random, 0, 0.025));
    boolean flushing = random.nextDouble() < FLUSHING_DAYS;
    Instant start = date.atStartOfDay(zone).toInstant();
    Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
    int quarters = (int) (Duration.between(start, end).toMinutes() / 15);
    List<Instant> ends = new ArrayList<>(quarters);
    double[] customer = new double[quarters];
    double[] unbilled = new double[quarters];
    double[] metered = new double[quarters];
    for (int q = 0; q < quarters; q++) {
      Instant quarterEnd = start.plus(QUARTER.multipliedBy(q + 1));
      ends.add(quarterEnd);
      ZonedDateTime middle = quarterEnd.minus(QUARTER.dividedBy(2)).atZone(zone);
      double profile = profile(middle);
      // Pressure falls as demand rises; leakage follows pressure.
      double pressure = 1.12 - 0.12 * profile;
      double leakage =
          (BACKGROUND_LEAKAGE_M3_PER_H + leakRate(middle.toInstant()))
              * Math.pow(pressure, LEAKAGE_EXPONENT);
      customer[q] = base / 24 * profile * (1 + Seeds.gaussian(random, 0, 0.03)) * QUARTER_HOURS;
      int hour = middle.getHour();
      boolean flushingNow = flushing && hour >= FLUSHING_FROM_HOUR && hour < FLUSHING_TO_HOUR;
      unbilled[q] = (UNBILLED_M3_PER_H + (flushingNow ? FLUSHING_M3_PER_H : 0)) * QUARTER_HOURS;
      double inflow = customer[q] + unbilled[q] + leakage * QUARTER_HOURS;
      metered[q] = inflow * (1 + Seeds.gaussian(random, 0, 0.004));
    }
    return new Day(
        date,
        List.copyOf(ends),
        customer,
        unbilled,
        metered,
        1 + Seeds.gaussian(random, 0, 0.004),
        1 + Seeds.gaussian(random, 0, 0.02),
        1 + Seeds.gaussian(random, 0, 0.03));
  }

  /** Summer demand about 9 % above the mean, peaking in mid-July. */
  private static double seasonal(LocalDate date) {
    return 1 + 0.09 * Math.cos(2 * Math.PI * (date.getDayOfYear() - 196) / 365.25);
  }

  private static double weekly(DayOfWeek day) {
    return switch (day) {
      case SATURDAY -> 1.03;
      case SUNDAY -> 1.01;
      default -> 0.99;
    };
  }

  /** Demand relative to the day's mean, interpolated between the middles of the hours. */
  private static double profile(ZonedDateTime at) {
    double[] hours =
        switch (at.getDayOfWeek()) {
          case SATURDAY, SUNDAY -> WEEKEND_PROFILE;
          default -> WEEKDAY_PROFILE;
        };
    double hour = at.getHour() + at.getMinute() / 60.0 + at.getSecond() / 3600.0 - 0.5;
    int below = (int) Math.floor(hour);
    double fraction = hour - below;
    double low = hours[Math.floorMod(below, 24)];
    double high = hours[Math.floorMod(below + 1, 24)];
    return low + (high - low) * fraction;
  }

  /** m³/h leaking from this and last year's leaks at {@code at}, at average pressure. */
  private double leakRate(Instant at) {
    int year = at.atZone(zone).getYear();
    double rate = 0;
    for (int y = year - 1; y <= year; y++) {
      for (Leak leak : leaks(y)) {
        rate += leak.rateAt(at);
      }
    }
    return rate;
  }

  private List<Leak> leaks(int year) {
    return leaksByYear.computeIfAbsent(year, this::scenario);
  }

  /** The year's bursts and background leaks. */
  private List<Leak> scenario(int year) {
    RandomGenerator random = Seeds.random(seed, "leaks", year);
    Instant yearStart = LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
    long yearSeconds =
        Duration.between(yearStart, LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant())
            .toSeconds();
    List<Leak> leaks = new ArrayList<>();
    int bursts = 2 + random.nextInt(3);
    for (int i = 0; i < bursts; i++) {
      Instant start = yearStart.plusSeconds(random.nextLong(yearSeconds));
      Duration repairedAfter = Duration.ofMinutes(random.nextLong(2 * 24 * 60, 9 * 24 * 60));
      leaks.add(
          new Leak(start, start.plus(repairedAfter), random.nextDouble(6, 14), Duration.ZERO));
    }
    int background = 2 + random.nextInt(2);
    for (int i = 0; i < background; i++) {
      Instant start = yearStart.plusSeconds(random.nextLong(yearSeconds));
      Duration foundAfter = Duration.ofHours(random.nextLong(20 * 24, 60 * 24));
      leaks.add(
          new Leak(
              start,
              start.plus(foundAfter),
              random.nextDouble(2, 5),
              Duration.ofSeconds(foundAfter.toSeconds() * 3 / 10)));
    }
    return List.copyOf(leaks);
  }

  private static double sum(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum;
  }

  private static double[] normalised(double[] hours) {
    double mean = sum(hours) / hours.length;
    double[] profile = new double[hours.length];
    for (int i = 0; i < hours.length; i++) {
      profile[i] = hours[i] / mean;
    }
    return profile;
  }

  /**
   * A leak: its rate grows linearly over {@code rampUp} (zero for a burst) and stops at repair.
   *
   * @param rate m³/h once fully developed, at average pressure
   */
  private record Leak(Instant start, Instant repaired, double rate, Duration rampUp) {
    double rateAt(Instant at) {
      if (at.isBefore(start) || !at.isBefore(repaired)) {
        return 0;
      }
      if (rampUp.isZero()) {
        return rate;
      }
      double grown = (double) Duration.between(start, at).toSeconds() / rampUp.toSeconds();
      return rate * Math.min(1, grown);
    }
  }

  /**
   * One local day of flows, per quarter, in m³.
   *
   * @param ends the end of each quarter
   * @param metered what the inlet meter registered, with its error
   * @param billingError factor of the AMI total against true billed use
   * @param unbilledError factor of the unbilled estimate against true unbilled use
   * @param apparentError factor of the apparent-loss estimate against the standard share
   */
  private record Day(
      LocalDate date,
      List<Instant> ends,
      double[] customer,
      double[] unbilled,
      double[] metered,
      double billingError,
      double unbilledError,
      double apparentError) {
    int size() {
      return ends.size();
    }
  }
}
