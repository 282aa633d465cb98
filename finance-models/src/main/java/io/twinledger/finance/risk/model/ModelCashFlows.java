package io.twinledger.finance.risk.model;

import io.twinledger.finance.model.CompiledModel;
import io.twinledger.finance.model.LineDefinition;
import io.twinledger.finance.model.ValidatedModel;
import io.twinledger.finance.risk.simulation.PathCashFlows;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cash-flow model defined as data, evaluated with {@link CompiledModel} for every simulated year
 * of a path. See {@link ModelSimulation} for how a simulated year maps to months.
 *
 * <p>Per month, the cash flow available for debt service is the model's net result before
 * financing: {@code REVENUE + PERFORMANCE_PAYMENT − DEDUCTION − OPERATING_COST − CAPITAL_COST}.
 * {@code FINANCING} lines are debt service: a year's debt service is the scenario's annual amount
 * plus the year's financing lines. {@code MEMO} lines are not cash.
 *
 * <p>Months whose evaluation cannot differ (same KPI inputs, same days in the month and in its
 * year) are evaluated once and weighted by their count, so a year costs three to seven model
 * evaluations instead of twelve; the sums are the same up to floating-point rounding. Each thread
 * gets its own scratch arrays, created on its first path, so {@link #evaluate} allocates nothing
 * afterwards and is safe to call from several threads at once.
 */
public final class ModelCashFlows implements PathCashFlows {

  private final CompiledModel compiled;
  private final int years;
  private final int[] inputKpis;
  private final double[] startInputs;
  private final int[] addedLines;
  private final int[] subtractedLines;
  private final int[] financingLines;
  private final double annualDebtService;
  private final int[] groupOffsets;
  private final int[] groupDays;
  private final int[] groupYearDays;
  private final double[] groupMonths;
  private final boolean[] groupReadsPreviousYear;
  private final ThreadLocal<Scratch> scratch;

  /**
   * @param model the validated model
   * @param compiled the model compiled
   * @param simulatedKpis the KPIs of the path, in {@code kpiPath} order; a superset of the model's
   * @param startValues the value of each simulated KPI before the first simulated year
   * @param firstMonth the first month of the first simulated year
   * @param years the simulated years
   * @param annualDebtService the debt service due every year besides the model's financing lines
   */
  ModelCashFlows(
      ValidatedModel model,
      CompiledModel compiled,
      List<String> simulatedKpis,
      double[] startValues,
      YearMonth firstMonth,
      int years,
      double annualDebtService) {
    this.compiled = compiled;
    this.years = years;
    List<String> inputs = compiled.kpiIds();
    this.inputKpis = new int[inputs.size()];
    this.startInputs = new double[inputs.size()];
    for (int i = 0; i < inputKpis.length; i++) {
      inputKpis[i] = simulatedKpis.indexOf(inputs.get(i));
      startInputs[i] = startValues[inputKpis[i]];
    }
    List<Integer> added = new ArrayList<>();
    List<Integer> subtracted = new ArrayList<>();
    List<Integer> financing = new ArrayList<>();
    List<LineDefinition> lines = model.definition().lines();
    for (int i = 0; i < lines.size(); i++) {
      switch (lines.get(i).kind()) {
        case REVENUE, PERFORMANCE_PAYMENT -> added.add(i);
        case DEDUCTION, OPERATING_COST, CAPITAL_COST -> subtracted.add(i);
        case FINANCING -> financing.add(i);
        case MEMO -> {}
      }
    }
    this.addedLines = added.stream().mapToInt(Integer::intValue).toArray();
    this.subtractedLines = subtracted.stream().mapToInt(Integer::intValue).toArray();
    this.financingLines = financing.stream().mapToInt(Integer::intValue).toArray();
    this.annualDebtService = annualDebtService;

    List<MonthGroup> groups = new ArrayList<>();
    this.groupOffsets = new int[years + 1];
    for (int t = 0; t < years; t++) {
      groupOffsets[t] = groups.size();
      groups.addAll(monthGroups(firstMonth.plusMonths(12L * t)));
    }
    groupOffsets[years] = groups.size();
    this.groupDays = groups.stream().mapToInt(MonthGroup::days).toArray();
    this.groupYearDays = groups.stream().mapToInt(MonthGroup::yearDays).toArray();
    this.groupMonths = groups.stream().mapToDouble(MonthGroup::months).toArray();
    this.groupReadsPreviousYear = new boolean[groups.size()];
    for (int g = 0; g < groups.size(); g++) {
      groupReadsPreviousYear[g] = groups.get(g).readsPreviousYear();
    }
    int lineCount = compiled.lineIds().size();
    this.scratch =
        ThreadLocal.withInitial(
            () ->
                new Scratch(
                    new double[inputs.size()], new double[inputs.size()], new double[lineCount]));
  }

  /** The simulated years this model was prepared for. */
  public int years() {
    return years;
  }

  @Override
  public void evaluate(double[][] kpiPath, double[] cashFlowsOut, double[] debtServiceOut) {
    if (cashFlowsOut.length != years) {
      throw new IllegalArgumentException(
          "prepared for " + years + " years, asked for " + cashFlowsOut.length);
    }
    Scratch s = scratch.get();
    double[] current = s.current();
    double[] previous = s.previous();
    double[] lines = s.lines();
    System.arraycopy(startInputs, 0, previous, 0, previous.length);
    for (int t = 0; t < years; t++) {
      for (int i = 0; i < inputKpis.length; i++) {
        current[i] = kpiPath[inputKpis[i]][t];
      }
      double cash = 0;
      double financing = 0;
      for (int g = groupOffsets[t]; g < groupOffsets[t + 1]; g++) {
        compiled.evaluate(
            current,
            groupReadsPreviousYear[g] ? previous : current,
            groupDays[g],
            groupYearDays[g],
            lines);
        double net = 0;
        for (int line : addedLines) {
          net += lines[line];
        }
        for (int line : subtractedLines) {
          net -= lines[line];
        }
        double financed = 0;
        for (int line : financingLines) {
          financed += lines[line];
        }
        cash += groupMonths[g] * net;
        financing += groupMonths[g] * financed;
      }
      cashFlowsOut[t] = cash;
      debtServiceOut[t] = annualDebtService + financing;
      System.arraycopy(current, 0, previous, 0, current.length);
    }
  }

  /**
   * The year's twelve months from {@code first}, grouped: the first month alone (its lagged KPIs
   * are the previous year's), the others by days in the month and in its calendar year.
   */
  private static List<MonthGroup> monthGroups(YearMonth first) {
    List<MonthGroup> groups = new ArrayList<>();
    groups.add(new MonthGroup(first.lengthOfMonth(), first.lengthOfYear(), 1, true));
    Map<List<Integer>, Integer> counts = new LinkedHashMap<>();
    for (int m = 1; m < 12; m++) {
      YearMonth month = first.plusMonths(m);
      counts.merge(List.of(month.lengthOfMonth(), month.lengthOfYear()), 1, Integer::sum);
    }
    counts.forEach(
        (days, count) -> groups.add(new MonthGroup(days.get(0), days.get(1), count, false)));
    return groups;
  }

  private record MonthGroup(int days, int yearDays, int months, boolean readsPreviousYear) {}

  private record Scratch(double[] current, double[] previous, double[] lines) {}
}
