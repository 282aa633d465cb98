package io.twinledger.finance.risk.fit;

import java.util.Arrays;
import java.util.Objects;

/**
 * An observed history of one KPI: equally spaced values (monthly or annual), oldest first.
 *
 * <p>Shares such as non-revenue water are given as fractions of one (0.25 for 25 %), so that a beta
 * distribution can be fitted to them.
 *
 * @param name the KPI's name, used in every message about it
 * @param values the observations, oldest first; finite numbers only
 */
public record KpiSeries(String name, double[] values) {

  public KpiSeries {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(values, "values");
    if (name.isBlank()) {
      throw new IllegalArgumentException("KPI series name must not be blank");
    }
    values = values.clone();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "KPI '" + name + "' observation " + (i + 1) + " is " + values[i] + ", not a number");
      }
    }
  }

  /** The observations, oldest first; a copy. */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** The number of observations. */
  public int length() {
    return values.length;
  }

  /** The most recent observation, where a simulated path of this KPI starts from. */
  public double last() {
    if (values.length == 0) {
      throw new IllegalStateException("KPI '" + name + "' has no observations");
    }
    return values[values.length - 1];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KpiSeries that
        && name.equals(that.name)
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "KpiSeries[" + name + ", " + values.length + " observations]";
  }
}
