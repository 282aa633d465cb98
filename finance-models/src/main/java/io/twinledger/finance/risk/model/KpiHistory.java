package io.twinledger.finance.risk.model;

import io.twinledger.finance.model.KpiCatalog;
import io.twinledger.finance.model.KpiObservation;
import io.twinledger.finance.model.ModelDefinition;
import io.twinledger.finance.model.unit.Unit;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.YearMonth;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An asset's monthly KPI values as a simulation fits them: for each KPI asked for and month the
 * highest revision only, months whose latest revision has no value left out, partial months (the
 * latest revision covers less than the model's complete coverage) left out and counted, values
 * converted to the KPI catalog's unit. A partial month's value measures only part of the month, so
 * fitting it would mix a different quantity into the series.
 */
final class KpiHistory {

  private final Map<String, NavigableMap<YearMonth, Double>> valuesByKpi;
  private final Map<String, List<YearMonth>> partialByKpi;

  private KpiHistory(
      Map<String, NavigableMap<YearMonth, Double>> valuesByKpi,
      Map<String, List<YearMonth>> partialByKpi) {
    this.valuesByKpi = valuesByKpi;
    this.partialByKpi = partialByKpi;
  }

  /**
   * @param model the model whose complete coverage tells a partial month
   * @throws IllegalArgumentException if a value's unit does not convert to the catalog unit of its
   *     KPI, naming the KPI, month and revision
   */
  static KpiHistory of(
      Iterable<KpiObservation> observations,
      KpiCatalog catalog,
      Set<String> kpis,
      ModelDefinition model) {
    Map<String, Map<YearMonth, KpiObservation>> latest = new HashMap<>();
    for (KpiObservation observation : observations) {
      if (!kpis.contains(observation.kpiId())) {
        continue;
      }
      latest
          .computeIfAbsent(observation.kpiId(), k -> new HashMap<>())
          .merge(observation.period(), observation, (a, b) -> a.revision() >= b.revision() ? a : b);
    }
    Map<String, NavigableMap<YearMonth, Double>> values = new HashMap<>();
    Map<String, List<YearMonth>> partial = new HashMap<>();
    latest.forEach(
        (kpi, byMonth) -> {
          NavigableMap<YearMonth, Double> months = new TreeMap<>();
          TreeSet<YearMonth> skipped = new TreeSet<>();
          for (KpiObservation o : byMonth.values()) {
            if (o.value().isEmpty()) {
              continue;
            }
            if (o.coveragePercent().filter(model::partial).isPresent()) {
              skipped.add(o.period());
            } else {
              months.put(o.period(), inCatalogUnit(o, o.value().get(), catalog));
            }
          }
          values.put(kpi, Collections.unmodifiableNavigableMap(months));
          partial.put(kpi, List.copyOf(skipped));
        });
    return new KpiHistory(values, partial);
  }

  /** The KPI's partial months with a value, which the history leaves out, oldest first. */
  List<YearMonth> partialMonths(String kpiId) {
    return partialByKpi.getOrDefault(kpiId, List.of());
  }

  /** The KPI's values by month, oldest first; empty if it has none. */
  NavigableMap<YearMonth, Double> values(String kpiId) {
    return valuesByKpi.getOrDefault(kpiId, Collections.emptyNavigableMap());
  }

  private static double inCatalogUnit(
      KpiObservation observation, BigDecimal value, KpiCatalog catalog) {
    String where =
        "KPI '"
            + observation.kpiId()
            + "' for "
            + observation.period()
            + " (revision "
            + observation.revision()
            + ")";
    Unit expected =
        catalog
            .unit(observation.kpiId())
            .orElseThrow(
                () -> new IllegalArgumentException(where + " is not in the asset's KPI catalog"));
    Unit reported;
    try {
      reported = Unit.parse(observation.unit());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " has an unusable unit: " + e.getMessage(), e);
    }
    if (!reported.sameDimension(expected)) {
      throw new IllegalArgumentException(
          where
              + " is in "
              + observation.unit()
              + ", which does not convert to the catalog unit "
              + catalog.unitCodes().get(observation.kpiId()));
    }
    return value
        .multiply(reported.factor(), MathContext.DECIMAL128)
        .divide(expected.factor(), MathContext.DECIMAL128)
        .doubleValue();
  }
}
