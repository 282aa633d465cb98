package io.twinledger.finance.valuation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One-at-a-time sensitivity (tornado chart) and scenario analysis of any valuation that maps named
 * decimal inputs to a decimal value (an NPV, an IRR, a minimum DSCR).
 *
 * <p>Every evaluation starts from the base inputs; only the named inputs change. The valuation
 * receives an unmodifiable map in the base inputs' order.
 */
public final class Sensitivity {

  private Sensitivity() {}

  /** A low and a high value for one input. */
  public record InputRange(BigDecimal low, BigDecimal high) {
    public InputRange {
      Objects.requireNonNull(low, "low");
      Objects.requireNonNull(high, "high");
    }
  }

  /** One bar of a tornado: the valuation with one input at its low and at its high value. */
  public record TornadoBar(
      String input,
      BigDecimal lowInput,
      BigDecimal highInput,
      BigDecimal lowValue,
      BigDecimal highValue) {

    /** {@code |highValue − lowValue|}, what the bars are sorted by. */
    public BigDecimal swing() {
      return highValue.subtract(lowValue).abs();
    }
  }

  /** The base value and the bars, widest swing first; equal swings keep the order of the ranges. */
  public record Tornado(BigDecimal baseValue, List<TornadoBar> bars) {
    public Tornado {
      bars = List.copyOf(bars);
    }
  }

  /** A named set of input overrides. */
  public record Scenario(String name, Map<String, BigDecimal> overrides) {
    public Scenario {
      Objects.requireNonNull(name, "name");
      overrides = Map.copyOf(overrides);
    }
  }

  /** A scenario's value and its change from the base value ({@code value − base}). */
  public record ScenarioResult(String name, BigDecimal value, BigDecimal changeFromBase) {}

  /**
   * Varies each input of {@code ranges} to its low and high value, the others staying at base.
   *
   * @throws IllegalArgumentException if a range names an input missing from the base inputs
   */
  public static Tornado tornado(
      Map<String, BigDecimal> base,
      Function<Map<String, BigDecimal>, BigDecimal> valuation,
      Map<String, InputRange> ranges) {
    Objects.requireNonNull(ranges, "ranges");
    BigDecimal baseValue = evaluate(base, valuation, Map.of(), "base");
    List<TornadoBar> bars = new ArrayList<>();
    ranges.forEach(
        (input, range) -> {
          BigDecimal low = evaluate(base, valuation, Map.of(input, range.low()), input + " low");
          BigDecimal high = evaluate(base, valuation, Map.of(input, range.high()), input + " high");
          bars.add(new TornadoBar(input, range.low(), range.high(), low, high));
        });
    bars.sort(Comparator.comparing(TornadoBar::swing).reversed());
    return new Tornado(baseValue, bars);
  }

  /**
   * Evaluates each scenario against the base inputs.
   *
   * @throws IllegalArgumentException if a scenario overrides an input missing from the base inputs
   */
  public static List<ScenarioResult> scenarios(
      Map<String, BigDecimal> base,
      Function<Map<String, BigDecimal>, BigDecimal> valuation,
      List<Scenario> scenarios) {
    Objects.requireNonNull(scenarios, "scenarios");
    BigDecimal baseValue = evaluate(base, valuation, Map.of(), "base");
    return scenarios.stream()
        .map(
            scenario -> {
              BigDecimal value =
                  evaluate(base, valuation, scenario.overrides(), "scenario " + scenario.name());
              return new ScenarioResult(scenario.name(), value, value.subtract(baseValue));
            })
        .toList();
  }

  private static BigDecimal evaluate(
      Map<String, BigDecimal> base,
      Function<Map<String, BigDecimal>, BigDecimal> valuation,
      Map<String, BigDecimal> overrides,
      String label) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(valuation, "valuation");
    Map<String, BigDecimal> inputs = new LinkedHashMap<>(base);
    overrides.forEach(
        (name, value) -> {
          if (!base.containsKey(name)) {
            throw new IllegalArgumentException(
                label + ": input '" + name + "' is not one of the base inputs " + base.keySet());
          }
          inputs.put(name, value);
        });
    BigDecimal value = valuation.apply(Collections.unmodifiableMap(inputs));
    if (value == null) {
      throw new IllegalArgumentException(label + ": the valuation returned no value");
    }
    return value;
  }
}
