package io.twinledger.twin.formula;

import io.twinledger.twin.kpi.Ratio;
import io.twinledger.twin.kpi.road.PciBand;
import io.twinledger.twin.period.Formula;
import io.twinledger.twin.period.FormulaResult;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.period.PeriodWindow;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mean Pavement Condition Index of the period's surveys, classified in its ASTM D6433 band. Empty
 * when the period had no survey.
 */
public record PciCondition() implements Formula {

  static final String PCI = "pci";

  @Override
  public List<String> roles() {
    return List.of(PCI);
  }

  @Override
  public FormulaResult apply(PeriodWindow window, Map<String, List<PeriodReading>> inputs) {
    List<PeriodReading> surveys = Formula.readings(inputs, PCI);
    if (surveys.isEmpty()) {
      return FormulaResult.of(Optional.empty(), Map.of());
    }
    BigDecimal mean =
        Ratio.of(Formula.sum(inputs, PCI), BigDecimal.valueOf(surveys.size())).orElseThrow();
    return new FormulaResult(
        Optional.of(mean),
        Map.of("surveys", BigDecimal.valueOf(surveys.size())),
        List.of(),
        Optional.of(PciBand.from(mean).name()));
  }
}
