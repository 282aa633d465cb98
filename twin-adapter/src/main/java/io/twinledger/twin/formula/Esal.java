package io.twinledger.twin.formula;

import io.twinledger.twin.kpi.road.AxleLoadEquivalency;
import io.twinledger.twin.period.Formula;
import io.twinledger.twin.period.FormulaResult;
import io.twinledger.twin.period.PeriodReading;
import io.twinledger.twin.period.PeriodWindow;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Equivalent single axle loads of the period: Σ over the weighed axles (load / standard axle)^n.
 * Each reading is one axle's load in kN; a period without traffic has zero ESAL.
 */
public record Esal(AxleLoadEquivalency equivalency) implements Formula {

  static final String AXLE_LOADS = "axleLoads";

  public Esal {
    Objects.requireNonNull(equivalency, "equivalency");
  }

  @Override
  public List<String> roles() {
    return List.of(AXLE_LOADS);
  }

  @Override
  public FormulaResult apply(PeriodWindow window, Map<String, List<PeriodReading>> inputs) {
    List<BigDecimal> loads =
        Formula.readings(inputs, AXLE_LOADS).stream().map(r -> r.reading().value()).toList();
    return FormulaResult.of(
        Optional.of(equivalency.esal(loads)),
        Map.of(
            "axles", BigDecimal.valueOf(loads.size()),
            "standardAxleKn", equivalency.standardAxleLoadKn(),
            "exponent", equivalency.exponent()));
  }
}
