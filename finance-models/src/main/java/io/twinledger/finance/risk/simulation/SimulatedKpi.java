package io.twinledger.finance.risk.simulation;

import io.twinledger.finance.risk.fit.FitReport;
import io.twinledger.finance.risk.fit.KpiProcess;
import java.util.Objects;

/**
 * One KPI as the simulation draws it.
 *
 * @param name the KPI's name, matching the correlation matrix
 * @param process how the KPI moves from period to period
 * @param startValue the value before the first simulated period (the last observation), which an
 *     autoregressive process starts from
 */
public record SimulatedKpi(String name, KpiProcess process, double startValue) {

  public SimulatedKpi {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(process, "process");
    if (!Double.isFinite(startValue)) {
      throw new IllegalArgumentException(
          "KPI '" + name + "' start value must be a finite number, was " + startValue);
    }
  }

  /** The selected process of a fit, starting from the last observation. */
  public static SimulatedKpi from(FitReport fit) {
    return new SimulatedKpi(fit.series().name(), fit.selected().process(), fit.series().last());
  }
}
