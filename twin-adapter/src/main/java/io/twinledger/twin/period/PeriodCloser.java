package io.twinledger.twin.period;

import io.twinledger.twin.reading.DecimalText;
import io.twinledger.twin.reading.QualityFlag;
import io.twinledger.twin.reading.Reading;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Closes a KPI period from its readings: value, coverage, quality summary and evidence.
 *
 * <p><b>Coverage</b> is the share of reporting slots filled: the period is cut into slots of the
 * expected interval, and each sensor seen in the period is expected to fill every slot. A sensor
 * that reported twice in one slot fills it once. A sensor is known by its id, whatever source
 * delivered its readings: a meter whose history came in monthly files and whose recent readings
 * come over MQTT is one sensor. It is rounded half-up to two decimals. A derived KPI is as complete
 * as its least complete input; one that reads no input, such as UARL, is complete.
 */
public final class PeriodCloser {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private PeriodCloser() {}

  /**
   * The readings of one input of a period.
   *
   * @param readings the period's readings, in any order; readings outside the window are refused
   * @param expectedInterval how often each sensor should report
   */
  public record Input(List<PeriodReading> readings, Duration expectedInterval) {

    public Input {
      readings = List.copyOf(readings);
      if (expectedInterval.isNegative() || expectedInterval.isZero()) {
        throw new IllegalArgumentException("expectedInterval must be positive");
      }
    }
  }

  /** Closes {@code window} of a measured KPI under {@code revision}, aggregating its readings. */
  public static ClosedPeriod close(
      String assetId,
      String kpiId,
      PeriodWindow window,
      int revision,
      PeriodAggregation aggregation,
      String unit,
      Input input) {
    for (PeriodReading reading : input.readings()) {
      if (!reading.reading().unit().equals(unit)) {
        throw new IllegalArgumentException(
            "reading in " + reading.reading().unit() + " cannot join a period in " + unit);
      }
    }
    Evidence evidence = new Evidence(window);
    BigDecimal coverage = evidence.add(input);
    List<BigDecimal> values =
        input.readings().stream()
            .sorted(Comparator.comparing((PeriodReading r) -> r.reading().observedAt()))
            .map(r -> r.reading().value())
            .toList();
    return new ClosedPeriod(
        assetId,
        kpiId,
        window,
        revision,
        aggregation.apply(values),
        unit,
        coverage,
        evidence.readingCount,
        evidence.summary,
        List.copyOf(evidence.digests),
        Map.of(),
        List.of(),
        Optional.empty());
  }

  /**
   * Closes {@code window} of a derived KPI under {@code revision}, applying its formula to the
   * readings of each input. If an input has no reading in the period, the period has no value and a
   * remark names the input.
   *
   * @param inputs role → that input's readings, for every role of the formula
   * @throws IllegalArgumentException when the readings contradict the formula
   */
  public static ClosedPeriod closeDerived(
      String assetId,
      String kpiId,
      PeriodWindow window,
      int revision,
      Formula formula,
      String unit,
      Map<String, Input> inputs) {
    Evidence evidence = new Evidence(window);
    BigDecimal coverage = HUNDRED.setScale(2);
    Map<String, List<PeriodReading>> readings = new HashMap<>();
    for (String role : formula.roles()) {
      Input input = inputs.get(role);
      if (input == null) {
        throw new IllegalArgumentException("no readings given for the " + role + " input");
      }
      coverage = coverage.min(evidence.add(input));
      readings.put(role, input.readings());
    }
    List<String> missing =
        formula.roles().stream().filter(role -> readings.get(role).isEmpty()).toList();
    // A missing input is not a zero: without billing data NRW would read 100 %.
    FormulaResult result =
        missing.isEmpty()
            ? formula.apply(window, readings)
            : new FormulaResult(
                Optional.empty(),
                Map.of(),
                missing.stream().map(role -> "No " + role + " readings in the period.").toList(),
                Optional.empty());
    return new ClosedPeriod(
        assetId,
        kpiId,
        window,
        revision,
        result.value().map(DecimalText::normalised),
        unit,
        coverage,
        evidence.readingCount,
        evidence.summary,
        List.copyOf(evidence.digests),
        result.components(),
        result.remarks(),
        result.classification());
  }

  /** The quality summary and batch digests of the readings a period used. */
  private static final class Evidence {
    private final PeriodWindow window;
    private final Map<QualityFlag, Integer> summary = new EnumMap<>(QualityFlag.class);
    private final Set<String> digests = new TreeSet<>();
    private int readingCount;

    Evidence(PeriodWindow window) {
      this.window = window;
    }

    /** Adds one input's readings; returns that input's coverage. */
    BigDecimal add(Input input) {
      Set<Slot> sensorSlots = new HashSet<>();
      Set<String> sensors = new HashSet<>();
      long interval = input.expectedInterval().toNanos();
      for (PeriodReading periodReading : input.readings()) {
        Reading reading = periodReading.reading();
        if (!window.contains(reading.observedAt())) {
          throw new IllegalArgumentException(
              "reading observed at " + reading.observedAt() + " is outside " + window.label());
        }
        periodReading.flags().forEach(flag -> summary.merge(flag, 1, Integer::sum));
        digests.add(periodReading.batchDigest());
        sensors.add(reading.sensorId());
        long slot = Duration.between(window.start(), reading.observedAt()).toNanos() / interval;
        sensorSlots.add(new Slot(reading.sensorId(), slot));
      }
      readingCount += input.readings().size();
      return coverage(sensorSlots.size(), sensors.size(), input.expectedInterval());
    }

    private BigDecimal coverage(int filledSlots, int sensors, Duration expectedInterval) {
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
  }

  /** One reporting slot of one sensor. */
  private record Slot(String sensorId, long index) {}
}
