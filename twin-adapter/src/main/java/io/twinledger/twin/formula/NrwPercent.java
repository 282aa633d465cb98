package io.twinledger.twin.formula;

import io.twinledger.twin.kpi.water.NonRevenueWater;
import io.twinledger.twin.period.Formula;
import io.twinledger.twin.period.FormulaResult;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.period.PeriodWindow;
import java.util.List;
import java.util.Map;

/**
 * Non-revenue water as a percentage of system input volume; undefined (empty) for a period without
 * system input.
 */
public record NrwPercent() implements Formula {

  @Override
  public List<String> roles() {
    return List.of(WaterRoles.SYSTEM_INPUT, WaterRoles.BILLED);
  }

  @Override
  public FormulaResult apply(PeriodWindow window, Map<String, List<PeriodReading>> inputs) {
    NonRevenueWater nrw = WaterRoles.nonRevenueWater(inputs);
    return FormulaResult.of(nrw.percentOfSystemInput(), WaterRoles.components(nrw));
  }
}
