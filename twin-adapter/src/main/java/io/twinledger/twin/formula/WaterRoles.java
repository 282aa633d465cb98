package io.twinledger.twin.formula;

import io.twinledger.twin.kpi.water.NonRevenueWater;
import io.twinledger.twin.kpi.water.WaterBalance;
import io.twinledger.twin.period.Formula;
import io.twinledger.twin.period.PeriodReading;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Role names of the water formulas, as the asset register binds them, and shared steps. */
final class WaterRoles {

  static final String SYSTEM_INPUT = "systemInput";
  static final String BILLED = "billed";
  static final String UNBILLED = "unbilled";
  static final String APPARENT = "apparent";
  static final String NIGHT_FLOW = "nightFlow";

  /** The roles of a water balance. */
  static final List<String> BALANCE = List.of(SYSTEM_INPUT, BILLED, UNBILLED, APPARENT);

  private WaterRoles() {}

  static NonRevenueWater nonRevenueWater(Map<String, List<PeriodReading>> inputs) {
    return new NonRevenueWater(Formula.sum(inputs, SYSTEM_INPUT), Formula.sum(inputs, BILLED));
  }

  static WaterBalance waterBalance(Map<String, List<PeriodReading>> inputs) {
    return new WaterBalance(
        Formula.sum(inputs, SYSTEM_INPUT),
        Formula.sum(inputs, BILLED),
        Formula.sum(inputs, UNBILLED),
        Formula.sum(inputs, APPARENT));
  }

  static Map<String, BigDecimal> components(WaterBalance balance) {
    return Map.of(
        "systemInputM3", balance.systemInputVolumeM3(),
        "billedAuthorisedM3", balance.billedAuthorisedConsumptionM3(),
        "unbilledAuthorisedM3", balance.unbilledAuthorisedConsumptionM3(),
        "apparentLossesM3", balance.apparentLossesM3(),
        "realLossesM3", balance.realLossesM3());
  }

  static Map<String, BigDecimal> components(NonRevenueWater nrw) {
    return Map.of(
        "systemInputM3", nrw.systemInputVolumeM3(),
        "billedAuthorisedM3", nrw.billedAuthorisedConsumptionM3(),
        "nrwM3", nrw.volumeM3());
  }
}
