package io.twinledger.twin.period;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a formula made of one period.
 *
 * @param value the KPI value, empty when the period's readings do not define it (no system input,
 *     no storm)
 * @param components the named figures the value was computed from, such as {@code systemInputM3};
 *     their names carry their unit
 * @param remarks what a reader must know to trust the figure, such as a UARL validity warning
 * @param classification the band the value falls in, for formulas that define bands
 */
public record FormulaResult(
    Optional<BigDecimal> value,
    Map<String, BigDecimal> components,
    List<String> remarks,
    Optional<String> classification) {

  public FormulaResult {
    Objects.requireNonNull(value, "value");
    components = Collections.unmodifiableMap(new TreeMap<>(components));
    remarks = List.copyOf(remarks);
    Objects.requireNonNull(classification, "classification");
  }

  /** A value with its components and no remarks or band. */
  public static FormulaResult of(Optional<BigDecimal> value, Map<String, BigDecimal> components) {
    return new FormulaResult(value, components, List.of(), Optional.empty());
  }
}
