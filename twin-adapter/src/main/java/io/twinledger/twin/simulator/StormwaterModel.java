package io.twinledger.twin.simulator;

import io.twinledger.twin.simulator.SensorAddress.MqttTopic;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Rock Creek green infrastructure, area A (80,937 m² impervious), and the combined-sewer outfall
 * downstream of it.
 *
 * <p>Rain comes in storms: about 60–100 a year, separated by dry spells that are shorter in autumn
 * and longer in late spring. In summer most storms are short convective bursts (30 minutes to 3
 * hours, about 11 mm on average); otherwise they are long frontal rains (3 to 14 hours, about 8
 * mm). The two to four biggest storms of a year bring over 30 mm each; a year brings roughly
 * 500–900 mm in all. The gauge is a tipping bucket that reports 0.2 mm tips per 5 minutes, zeros
 * included.
 *
 * <p>The outfall drains the site: its 5-minute volumes follow the rain through a unit hydrograph
 * (peak after about 25 minutes, drained down after a few hours) at 55–75 % of the 0.9 × rain × area
 * baseline, more for big storms that fill the storage; the green infrastructure keeps the rest. The
 * combined sewer downstream takes a larger catchment (38 ha impervious); it overflows when its
 * inflow exceeds the interceptor's capacity, which 3–6 storms a year do.
 */
final class StormwaterModel {

  static final String ASSET = "gi-rock-creek-a";
  static final String RAIN_TOPIC = "riverton/stormwater/gi-rock-creek-a/gauge-1/rainfall";
  static final String RUNOFF_TOPIC = "riverton/stormwater/gi-rock-creek-a/outfall/runoff";
  static final String OVERFLOW_TOPIC = "riverton/sewer/cso/rock-creek-outfall/volume";

  private static final SensorAddress RAIN_GAUGE = new MqttTopic(RAIN_TOPIC);
  private static final SensorAddress OUTFALL = new MqttTopic(RUNOFF_TOPIC);
  private static final SensorAddress OVERFLOW = new MqttTopic(OVERFLOW_TOPIC);

  /** Seconds per step; a step's reading covers the 5 minutes up to {@code step × STEP}. */
  private static final long STEP = 300;

  private static final long STEPS_PER_DAY = 86_400 / STEP;
  private static final double TIP_MM = 0.2;
  private static final double HEAVY_MM = 30;
  private static final double IMPERVIOUS_M2 = 80_937.128448;
  private static final double RUNOFF_COEFFICIENT = 0.9;
  private static final double COMBINED_IMPERVIOUS_M2 = 380_000;
  private static final int KERNEL_STEPS = 72;

  /** The share of each step's runoff that leaves the outfall 0, 1, 2, … steps later. */
  private static final double[] OUTFALL_KERNEL = kernel(1.6, 3.5);

  private static final double[] SEWER_KERNEL = kernel(1.4, 4.5);

  private final long seed;
  private final ZoneId zone;
  private final Map<Integer, StormYear> years = new ConcurrentHashMap<>();

  StormwaterModel(long seed, ZoneId zone) {
    this.seed = seed;
    this.zone = zone;
  }

  /** The readings published on local day {@code day}, in any order. */
  void publishedOn(LocalDate day, Consumer<SimulatedReading> out) {
    long first = day.atStartOfDay(zone).toEpochSecond() / STEP;
    long end = day.plusDays(1).atStartOfDay(zone).toEpochSecond() / STEP;
    int steps = (int) (end - first);
    // Inputs from KERNEL_STEPS before the day, so that runoff started yesterday drains today.
    long from = first - KERNEL_STEPS + 1;
    int length = (int) (end - from);
    double[] outfallInput = new double[length];
    double[] sewerInput = new double[length];
    int[] tips = new int[length];
    for (int i = 0; i < length; i++) {
      long step = from + i;
      StormYear year = year(step);
      int at = year.stormAt(step);
      if (at >= 0) {
        Storm storm = year.storms().get(at);
        int index = (int) (step - storm.start());
        double depth = storm.depths()[index];
        outfallInput[i] = runoffBaseline(depth) * storm.runoffRatio();
        sewerInput[i] = sewerInflow(depth);
        tips[i] = storm.tips()[index];
      }
    }
    RandomGenerator random = Seeds.random(seed, "outfall", day.toEpochDay());
    for (int s = 0; s < steps; s++) {
      int i = s + KERNEL_STEPS - 1;
      long step = first + s;
      Instant at = Instant.ofEpochSecond(step * STEP);
      out.accept(reading(Signal.RAINFALL_DEPTH, RAIN_GAUGE, at, tips[i] * TIP_MM));
      double runoff = convolve(OUTFALL_KERNEL, outfallInput, i);
      double measured = runoff == 0 ? 0 : runoff * (1 + Seeds.gaussian(random, 0, 0.03));
      out.accept(reading(Signal.RUNOFF_VOLUME, OUTFALL, at, Math.max(0, measured)));
      double overflow = convolve(SEWER_KERNEL, sewerInput, i) - year(step).overflowThreshold();
      // Zeros hourly between overflows: enough to show the outfall is alive, little volume.
      boolean overflowing = Signal.OVERFLOW_VOLUME.decimal(overflow).signum() > 0;
      if (overflowing || (step * STEP) % 3600 == 0) {
        out.accept(reading(Signal.OVERFLOW_VOLUME, OVERFLOW, at, overflowing ? overflow : 0));
      }
    }
  }

  private static SimulatedReading reading(
      Signal signal, SensorAddress sensor, Instant at, double value) {
    return new SimulatedReading(signal, ASSET, sensor, at, at, signal.decimal(value));
  }

  /** m³ the site would shed without green infrastructure: 0.9 × rain × impervious area. */
  static double runoffBaseline(double rainMm) {
    return rainMm / 1000 * IMPERVIOUS_M2 * RUNOFF_COEFFICIENT;
  }

  private static double sewerInflow(double rainMm) {
    return rainMm / 1000 * COMBINED_IMPERVIOUS_M2 * RUNOFF_COEFFICIENT;
  }

  private static double convolve(double[] kernel, double[] input, int at) {
    double sum = 0;
    for (int j = 0; j < kernel.length && j <= at; j++) {
      sum += kernel[j] * input[at - j];
    }
    return sum;
  }

  /** The storms of the UTC year in which the step's 5 minutes lie. */
  private StormYear year(long step) {
    int year = Instant.ofEpochSecond(step * STEP - 1).atOffset(ZoneOffset.UTC).getYear();
    return years.computeIfAbsent(year, this::scenario);
  }

  private StormYear scenario(int year) {
    RandomGenerator random = Seeds.random(seed, "storms", year);
    long yearStart = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() / STEP;
    long yearEnd = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() / STEP;
    List<Storm> storms = new ArrayList<>();
    double t = yearStart + 1;
    while (true) {
      int dayOfYear = (int) ((t - yearStart) / STEPS_PER_DAY) + 1;
      // Dry spells average 4.3 days: about 3 in October and November, 5.6 in May.
      double meanGapDays = 4.3 * (1 - 0.3 * Math.cos(2 * Math.PI * (dayOfYear - 300) / 365.25));
      t += random.nextExponential() * meanGapDays * STEPS_PER_DAY;
      long start = (long) t;
      dayOfYear = (int) ((start - yearStart) / STEPS_PER_DAY) + 1;
      boolean convective = random.nextDouble() < convectiveShare(dayOfYear);
      int steps = convective ? 6 + random.nextInt(31) : 36 + random.nextInt(133);
      double depth =
          Math.min(
              90,
              convective
                  ? 1 + random.nextExponential() * 10
                  : 0.6 + random.nextExponential() * 7.5);
      if (start + steps >= yearEnd) {
        break;
      }
      double peak = convective ? random.nextDouble(0.15, 0.4) : random.nextDouble(0.3, 0.7);
      double[] depths = hyetograph(random, steps, peak, depth);
      double ratio = 0.55 + 0.12 * random.nextDouble() + 0.08 * Math.min(1, depth / 40);
      storms.add(new Storm(start, depths, tips(depths), ratio));
      t = start + steps;
    }
    heavy(storms, 2 + random.nextInt(3), random);
    int overflowing = 3 + random.nextInt(4);
    return new StormYear(storms, threshold(storms, overflowing));
  }

  /**
   * Makes sure the year's {@code count} biggest storms are heavy (over 30 mm): an exponential tail
   * alone leaves some years without one, and a simulated year should show what they do.
   */
  private static void heavy(List<Storm> storms, int count, RandomGenerator random) {
    List<Integer> biggest = new ArrayList<>();
    for (int i = 0; i < storms.size(); i++) {
      biggest.add(i);
    }
    biggest.sort((a, b) -> Double.compare(storms.get(b).depth(), storms.get(a).depth()));
    for (int i : biggest.subList(0, Math.min(count, biggest.size()))) {
      Storm storm = storms.get(i);
      double target = HEAVY_MM + random.nextExponential() * 12;
      if (storm.depth() < HEAVY_MM) {
        double[] depths = storm.depths().clone();
        for (int step = 0; step < depths.length; step++) {
          depths[step] *= target / storm.depth();
        }
        storms.set(i, new Storm(storm.start(), depths, tips(depths), storm.runoffRatio()));
      }
    }
  }

  /** The share of storms that are short convective bursts: most in summer, few in winter. */
  private static double convectiveShare(int dayOfYear) {
    if (dayOfYear >= 152 && dayOfYear <= 243) {
      return 0.6;
    }
    return dayOfYear >= 121 && dayOfYear <= 273 ? 0.25 : 0.05;
  }

  /** Rain per step: a noisy triangle peaking at {@code peak} of the storm, summing to depth. */
  private static double[] hyetograph(RandomGenerator random, int steps, double peak, double depth) {
    double[] weights = new double[steps];
    double total = 0;
    for (int i = 0; i < steps; i++) {
      double x = (i + 0.5) / steps;
      double shape = x < peak ? x / peak : (1 - x) / (1 - peak);
      weights[i] = (0.05 + shape) * Math.exp(Seeds.gaussian(random, 0, 0.45));
      total += weights[i];
    }
    for (int i = 0; i < steps; i++) {
      weights[i] *= depth / total;
    }
    return weights;
  }

  /** What a 0.2 mm tipping bucket reports per step: whole tips, the remainder carried over. */
  private static int[] tips(double[] depths) {
    int[] tips = new int[depths.length];
    double cumulative = 0;
    long tipped = 0;
    for (int i = 0; i < depths.length; i++) {
      cumulative += depths[i];
      long total = (long) Math.floor(cumulative / TIP_MM + 1e-9);
      tips[i] = (int) (total - tipped);
      tipped = total;
    }
    return tips;
  }

  /**
   * The interceptor capacity, in m³ per step, that exactly the {@code overflowing} storms with the
   * highest peak sewer inflow exceed: halfway between the last of them and the next.
   */
  private static double threshold(List<Storm> storms, int overflowing) {
    double[] peaks = new double[storms.size()];
    for (int s = 0; s < storms.size(); s++) {
      double[] depths = storms.get(s).depths();
      double[] input = new double[depths.length + KERNEL_STEPS];
      for (int i = 0; i < depths.length; i++) {
        input[i] = sewerInflow(depths[i]);
      }
      for (int i = 0; i < input.length; i++) {
        peaks[s] = Math.max(peaks[s], convolve(SEWER_KERNEL, input, i));
      }
    }
    Arrays.sort(peaks);
    int n = peaks.length;
    if (n == 0) {
      return Double.MAX_VALUE;
    }
    if (n <= overflowing) {
      return peaks[0] * 0.9;
    }
    return (peaks[n - overflowing] + peaks[n - overflowing - 1]) / 2;
  }

  /** A unit hydrograph: gamma-shaped, {@link #KERNEL_STEPS} long, summing to 1. */
  private static double[] kernel(double shape, double scale) {
    double[] kernel = new double[KERNEL_STEPS];
    double total = 0;
    for (int j = 0; j < KERNEL_STEPS; j++) {
      kernel[j] = Math.pow(j + 1, shape) * Math.exp(-(j + 1) / scale);
      total += kernel[j];
    }
    for (int j = 0; j < KERNEL_STEPS; j++) {
      kernel[j] /= total;
    }
    return kernel;
  }

  /**
   * One storm.
   *
   * @param start the first step it rains in
   * @param depths mm of rain per step
   * @param tips what the gauge reports per step
   * @param runoffRatio the share of the baseline runoff that leaves the outfall
   */
  private record Storm(long start, double[] depths, int[] tips, double runoffRatio) {

    double depth() {
      double depth = 0;
      for (double step : depths) {
        depth += step;
      }
      return depth;
    }
  }

  /** A UTC year's storms, in order, and its interceptor capacity in m³ per step. */
  private record StormYear(List<Storm> storms, double overflowThreshold) {

    StormYear {
      storms = List.copyOf(storms);
    }

    /** The index of the storm raining in {@code step}, or -1. */
    int stormAt(long step) {
      int low = 0;
      int high = storms.size() - 1;
      int found = -1;
      while (low <= high) {
        int middle = (low + high) >>> 1;
        if (storms.get(middle).start() <= step) {
          found = middle;
          low = middle + 1;
        } else {
          high = middle - 1;
        }
      }
      if (found < 0) {
        return -1;
      }
      Storm storm = storms.get(found);
      return step < storm.start() + storm.depths().length ? found : -1;
    }
  }
}
