package io.twinledger.twin.formula;

import io.twinledger.twin.kpi.water.WaterBalance;
import io.twinledger.twin.period.Formula;
import io.twinledger.twin.period.FormulaResult;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.period.PeriodWindow;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real losses by the IWA water balance, m³: system input − billed − unbilled authorised − apparent
 * losses, each the sum of its readings in the period.
 */
public record WaterBalanceRealLosses() implements Formula {

  @Override
  public List<String> roles() {
    return WaterRoles.BALANCE;
  }

  @Override
  public FormulaResult apply(PeriodWindow window, Map<String, List<PeriodReading>> inputs) {
    WaterBalance balance = WaterRoles.waterBalance(inputs);
    return FormulaResult.of(Optional.of(balance.realLossesM3()), WaterRoles.components(balance));
  }
}
