package io.twinledger.twin.period;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A derived KPI's formula, with its parameters fixed; the implementations are in {@code
 * io.twinledger.twin.formula}. Readings arrive in the units of the KPIs bound to each role, as the
 * asset register requires: volumes in m³ ({@code MTQ}), flows in m³/h ({@code MQH}), rainfall and
 * rut depth in mm, IRI in m/km ({@code NX}), axle loads in kN ({@code B47}).
 */
public interface Formula {

  /** The roles whose readings the formula reads; the closer passes a list for each. */
  List<String> roles();

  /**
   * Applies the formula to one period.
   *
   * @param inputs role → the period's readings of the KPI bound to it, in any order; every role of
   *     {@link #roles()} is present, possibly with an empty list
   * @throws IllegalArgumentException when the readings contradict the formula, such as more water
   *     billed than put in; the period then stays open until the data is corrected
   */
  FormulaResult apply(PeriodWindow window, Map<String, List<PeriodReading>> inputs);

  /** The exact sum of the values of a role's readings. */
  public static BigDecimal sum(Map<String, List<PeriodReading>> inputs, String role) {
    return readings(inputs, role).stream()
        .map(r -> r.reading().value())
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** A role's readings; a role the caller left out is a programming error. */
  public static List<PeriodReading> readings(Map<String, List<PeriodReading>> inputs, String role) {
    List<PeriodReading> readings = inputs.get(role);
    if (readings == null) {
      throw new IllegalStateException("no readings passed for role " + role);
    }
    return readings;
  }
}
