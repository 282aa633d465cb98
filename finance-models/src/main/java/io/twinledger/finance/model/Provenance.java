package io.twinledger.finance.model;

import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where an amount comes from: the formula, and everything it read.
 *
 * <p>KPIs and parameters are transitive: an amount computed from a memo line lists the KPI
 * observations and parameters behind that memo line too, so that the evidence of a booked amount is
 * complete. {@code lines} lists only the lines the formula names directly.
 *
 * @param formula the line's formula text
 * @param kpis the KPI observations read, ordered by KPI id, month and revision
 * @param parameters the parameters read, ordered by name
 * @param lines the lines the formula refers to directly, ordered by id
 */
public record Provenance(
    String formula, List<KpiUse> kpis, List<ParameterUse> parameters, List<String> lines) {

  private static final Comparator<KpiUse> KPI_ORDER =
      Comparator.comparing(KpiUse::kpiId)
          .thenComparing(KpiUse::period)
          .thenComparingInt(KpiUse::revision)
          .thenComparing(k -> k.value().map(Object::toString).orElse(""))
          .thenComparing(KpiUse::unit)
          .thenComparing(k -> String.join(",", k.evidence()));
  private static final Comparator<ParameterUse> PARAMETER_ORDER =
      Comparator.comparing(ParameterUse::name)
          .thenComparing(ParameterUse::value)
          .thenComparing(ParameterUse::unit);

  public Provenance {
    kpis = sorted(kpis.stream(), KPI_ORDER);
    parameters = sorted(parameters.stream(), PARAMETER_ORDER);
    lines = sorted(lines.stream(), Comparator.<String>naturalOrder());
  }

  /** The digests of the reading batches behind every KPI observation used, sorted, distinct. */
  public List<String> evidence() {
    return sorted(
        kpis.stream().flatMap(k -> k.evidence().stream()), Comparator.<String>naturalOrder());
  }

  /**
   * The provenance of a sum of amounts of the same line: the union of what each used.
   *
   * @throws IllegalArgumentException if the formulas differ (the amounts are of different lines or
   *     model versions)
   */
  public Provenance merge(Provenance other) {
    if (!formula.equals(other.formula)) {
      throw new IllegalArgumentException(
          "cannot merge the provenance of '" + formula + "' with that of '" + other.formula + "'");
    }
    return new Provenance(
        formula,
        Stream.concat(kpis.stream(), other.kpis.stream()).toList(),
        Stream.concat(parameters.stream(), other.parameters.stream()).toList(),
        Stream.concat(lines.stream(), other.lines.stream()).toList());
  }

  private static <T> List<T> sorted(Stream<T> items, Comparator<T> order) {
    TreeSet<T> set = new TreeSet<>(order);
    items.forEach(set::add);
    return List.copyOf(set);
  }
}
