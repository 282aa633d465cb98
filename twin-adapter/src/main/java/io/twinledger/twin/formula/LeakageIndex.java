package io.twinledger.twin.formula;

import io.twinledger.twin.kpi.Ratio;
import io.twinledger.twin.kpi.water.Uarl;
import io.twinledger.twin.kpi.water.WaterBalance;
import io.twinledger.twin.period.Formula;
import io.twinledger.twin.period.FormulaResult;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.period.PeriodWindow;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Infrastructure Leakage Index: current real losses by the water balance / UARL, both over the same
 * period in m³. UARL validity warnings carry over as remarks: outside the fitted range an ILI is
 * not comparable with other systems'. Empty for a period without system input.
 */
public record LeakageIndex(Uarl uarl) implements Formula {

  @Override
  public List<String> roles() {
    return WaterRoles.BALANCE;
  }

  @Override
  public FormulaResult apply(PeriodWindow window, Map<String, List<PeriodReading>> inputs) {
    WaterBalance balance = WaterRoles.waterBalance(inputs);
    BigDecimal uarlM3 = UarlOverPeriod.m3Over(uarl, window);
    Map<String, BigDecimal> components = new TreeMap<>(WaterRoles.components(balance));
    components.put("uarlM3", uarlM3);
    return new FormulaResult(
        Formula.readings(inputs, WaterRoles.SYSTEM_INPUT).isEmpty()
            ? Optional.empty()
            : Ratio.of(balance.realLossesM3(), uarlM3),
        components,
        UarlOverPeriod.remarks(uarl),
        Optional.empty());
  }
}
