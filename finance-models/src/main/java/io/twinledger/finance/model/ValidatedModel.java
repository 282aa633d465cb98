package io.twinledger.finance.model;

import io.twinledger.finance.model.formula.Expr;
import io.twinledger.finance.model.unit.Unit;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Currency;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A model definition that passed {@link ModelValidator}: formulas parsed, units resolved, lines in
 * evaluation order (every line after the lines it refers to). Only {@link ModelValidator} creates
 * one, so holding one means the model is safe to evaluate.
 */
public final class ValidatedModel {

  private final ModelDefinition definition;
  private final KpiCatalog catalog;
  private final Currency currency;
  private final Map<String, Unit> parameterUnits;
  private final List<ValidatedLine> lines;

  ValidatedModel(
      ModelDefinition definition,
      KpiCatalog catalog,
      Currency currency,
      Map<String, Unit> parameterUnits,
      List<ValidatedLine> lines) {
    this.definition = definition;
    this.catalog = catalog;
    this.currency = currency;
    this.parameterUnits = Collections.unmodifiableMap(new LinkedHashMap<>(parameterUnits));
    this.lines = List.copyOf(lines);
  }

  /** The definition as written. */
  public ModelDefinition definition() {
    return definition;
  }

  /** The KPI catalog the model was validated against. */
  public KpiCatalog catalog() {
    return catalog;
  }

  /** The currency of every booked line. */
  public Currency currency() {
    return currency;
  }

  /** The unit of each parameter, by name. */
  public Map<String, Unit> parameterUnits() {
    return parameterUnits;
  }

  /** The lines in evaluation order. */
  public List<ValidatedLine> lines() {
    return lines;
  }

  /**
   * The KPIs the model reads, each with the furthest back it may be read (0 for the evaluated month
   * only; its lag, plus {@link Expr.Kpi#LATEST_LOOKBACK} when read with {@code latest}), ordered by
   * KPI id. A KPI period of month m can therefore change the lines of months m to m + lag only.
   */
  public SortedMap<String, Integer> kpiLags() {
    SortedMap<String, Integer> lags = new TreeMap<>();
    Deque<Expr> pending = new ArrayDeque<>();
    lines.forEach(line -> pending.push(line.formula()));
    while (!pending.isEmpty()) {
      Expr expr = pending.pop();
      if (expr instanceof Expr.Kpi kpi) {
        lags.merge(kpi.id(), kpi.lookback(), Math::max);
      }
      expr.children().forEach(pending::push);
    }
    return Collections.unmodifiableSortedMap(lags);
  }
}
