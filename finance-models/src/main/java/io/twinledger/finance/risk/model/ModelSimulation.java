package io.twinledger.finance.risk.model;

import io.twinledger.finance.model.CompiledModel;
import io.twinledger.finance.model.KpiObservation;
import io.twinledger.finance.model.ValidatedModel;
import io.twinledger.finance.risk.fit.Ar1Process;
import io.twinledger.finance.risk.fit.CorrelationMatrix;
import io.twinledger.finance.risk.fit.FitReport;
import io.twinledger.finance.risk.fit.KpiFitter;
import io.twinledger.finance.risk.fit.KpiProcess;
import io.twinledger.finance.risk.fit.KpiSeries;
import io.twinledger.finance.risk.fit.NormalProcess;
import io.twinledger.finance.risk.simulation.CancellationToken;
import io.twinledger.finance.risk.simulation.KpiThreshold;
import io.twinledger.finance.risk.simulation.MonteCarloEngine;
import io.twinledger.finance.risk.simulation.ProgressListener;
import io.twinledger.finance.risk.simulation.SimulatedKpi;
import io.twinledger.finance.risk.simulation.SimulationOutcome;
import io.twinledger.finance.risk.simulation.SimulationSpec;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * A Monte Carlo simulation of a cash-flow model defined as data, prepared from an asset's monthly
 * KPI history: the {@link SimulationSpec} and {@link ModelCashFlows} to hand to {@link
 * MonteCarloEngine}, and what was assumed about each KPI.
 *
 * <p>How it is prepared ({@link #prepare}):
 *
 * <ul>
 *   <li><b>History.</b> For each KPI the model reads, and each KPI a threshold names, the highest
 *       revision of every month; months whose latest revision has no value are left out, and so are
 *       partial months (the latest revision covers less than the model's complete coverage),
 *       counted in {@link KpiAssumption#partialMonthsSkipped()}; values are converted to the
 *       catalog unit. Every such KPI needs at least {@link KpiFitter#MINIMUM_OBSERVATIONS} months.
 *       The months are fitted in order as consecutive observations even where a month is missing.
 *   <li><b>Processes.</b> Each history is fitted with {@link KpiFitter} (normal, log-normal, beta,
 *       AR(1); lowest AIC). A constant history is simulated as that constant.
 *   <li><b>Years from months.</b> The fitted processes are monthly; the simulation steps years. The
 *       simulated value of a year is the KPI in a <em>representative month</em>: the monthly
 *       process sampled every twelfth month. For an independent process (normal, log-normal, beta)
 *       that is the fitted distribution itself; an AR(1) {@code x = c + φx' + σε} becomes its exact
 *       twelve-step transition {@code c(1 + φ + … + φ¹¹) + φ¹²x' + σ√(1 + φ² + … + φ²²)·ε}. All
 *       twelve months of a simulated year take the year's value; a KPI read with {@code lag=1} is
 *       the previous year's value in the year's first month (the last observation in the first
 *       year) and the year's own value in the other eleven. Month-to-month variation within a year
 *       is therefore not simulated: a year's KPI values move together, which makes the spread of
 *       annual cash flows wider than independent months would give (conservative for NPV
 *       percentiles and the DSCR test), and a threshold is crossed in a year when the
 *       representative month crosses it.
 *   <li><b>Correlation.</b> Pearson correlation of the monthly innovations over the months where
 *       every fitted KPI has a value and so has the month before (at least {@code
 *       MINIMUM_OBSERVATIONS − 1} such pairs), carried to the annual steps exactly: the annual
 *       innovation of an AR(1) is a weighted sum of twelve monthly ones, so correlations involving
 *       one shrink by {@code Σ(φᵢφⱼ)ˢ / √(Σφᵢ²ˢ · Σφⱼ²ˢ)}. Constant KPIs are uncorrelated.
 *   <li><b>Calendar.</b> Simulated year {@code t} (from 0) is the twelve months starting {@code
 *       12t} months after the first month following the latest observed month of any simulated KPI;
 *       {@code daysInPeriod()} and {@code daysInYear()} are those months' own.
 *   <li><b>Cash flows.</b> A year's cash flow available for debt service is the sum over its twelve
 *       months of the net result before financing, a year's debt service the scenario's annual
 *       amount plus the model's {@code FINANCING} lines (see {@link ModelCashFlows}); cash flows
 *       fall at the end of each year, as {@link SimulationSpec} states.
 * </ul>
 *
 * @param spec what the engine simulates: one KPI per assumption, in the same order
 * @param cashFlows the model, thread-safe and allocation-free per path
 * @param kpis what was assumed about each simulated KPI: the model's KPIs by id, then those only a
 *     threshold names
 * @param firstMonth the first month of the first simulated year
 */
public record ModelSimulation(
    SimulationSpec spec, ModelCashFlows cashFlows, List<KpiAssumption> kpis, YearMonth firstMonth) {

  private static final int MONTHS_PER_YEAR = 12;

  public ModelSimulation {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(cashFlows, "cashFlows");
    kpis = List.copyOf(kpis);
    Objects.requireNonNull(firstMonth, "firstMonth");
  }

  /**
   * Fits the asset's history and prepares the simulation of a scenario.
   *
   * @param model the asset's model
   * @param history the asset's monthly KPI periods, every revision
   * @param scenario what to simulate
   * @throws IllegalArgumentException naming the KPI when its history is too short or in a wrong
   *     unit, when a threshold names a KPI outside the catalog, when the model reads a KPI lagged
   *     by more than a month or no KPI at all, and when the KPIs share too few months to correlate
   */
  public static ModelSimulation prepare(
      ValidatedModel model, List<KpiObservation> history, RiskScenario scenario) {
    CompiledModel compiled = CompiledModel.compile(model);
    Set<String> simulated = new LinkedHashSet<>(compiled.kpiIds());
    for (KpiThreshold threshold : scenario.thresholds()) {
      if (!model.catalog().contains(threshold.kpi())) {
        throw new IllegalArgumentException(
            "threshold on KPI '"
                + threshold.kpi()
                + "', which is not in the asset's KPI catalog "
                + model.catalog().unitCodes().keySet());
      }
      simulated.add(threshold.kpi());
    }
    if (simulated.isEmpty()) {
      throw new IllegalArgumentException(
          "model '"
              + model.definition().id()
              + "' reads no KPI and no threshold names one: there is nothing to simulate");
    }
    KpiHistory kpiHistory = KpiHistory.of(history, model.catalog(), simulated, model.definition());
    KpiFitter fitter = new KpiFitter();
    List<KpiAssumption> kpis = new ArrayList<>();
    List<NavigableMap<YearMonth, Double>> values = new ArrayList<>();
    for (String kpi : simulated) {
      NavigableMap<YearMonth, Double> months = kpiHistory.values(kpi);
      kpis.add(
          assume(
              kpi,
              months,
              kpiHistory.partialMonths(kpi),
              compiled.kpiIds().contains(kpi),
              model,
              fitter));
      values.add(months);
    }
    YearMonth firstMonth =
        kpis.stream()
            .map(KpiAssumption::lastMonth)
            .max(YearMonth::compareTo)
            .orElseThrow()
            .plusMonths(1);
    List<String> names = List.copyOf(simulated);
    SimulationSpec spec =
        new SimulationSpec(
            kpis.stream()
                .map(k -> new SimulatedKpi(k.kpiId(), k.annual(), k.startValue()))
                .toList(),
            annualCorrelation(names, kpis, values),
            scenario.paths(),
            scenario.years(),
            scenario.seed(),
            SimulationSpec.DEFAULT_BLOCK_SIZE,
            scenario.discountRate(),
            scenario.dscrCovenant(),
            scenario.thresholds(),
            model.currency(),
            RiskScenario.HISTOGRAM_BINS);
    ModelCashFlows cashFlows =
        new ModelCashFlows(
            model,
            compiled,
            names,
            kpis.stream().mapToDouble(KpiAssumption::startValue).toArray(),
            firstMonth,
            scenario.years(),
            scenario.annualDebtService().doubleValue());
    return new ModelSimulation(spec, cashFlows, kpis, firstMonth);
  }

  /** Runs the simulation on {@code engine}; see {@link MonteCarloEngine#run}. */
  public SimulationOutcome run(
      MonteCarloEngine engine, ProgressListener progress, CancellationToken cancellation) {
    return engine.run(spec, cashFlows, progress, cancellation);
  }

  private static KpiAssumption assume(
      String kpi,
      NavigableMap<YearMonth, Double> months,
      List<YearMonth> partialMonths,
      boolean readByModel,
      ValidatedModel model,
      KpiFitter fitter) {
    String unit = model.catalog().unitCodes().get(kpi);
    if (months.size() < KpiFitter.MINIMUM_OBSERVATIONS) {
      throw new IllegalArgumentException(
          "KPI '"
              + kpi
              + "' has "
              + months.size()
              + " month"
              + (months.size() == 1 ? "" : "s")
              + " of history"
              + (months.isEmpty() ? "" : " (" + months.firstKey() + " to " + months.lastKey() + ")")
              + (partialMonths.isEmpty()
                  ? ""
                  : " after leaving out "
                      + partialMonths.size()
                      + " partial month"
                      + (partialMonths.size() == 1 ? "" : "s")
                      + " "
                      + partialMonths)
              + "; a risk simulation needs at least "
              + KpiFitter.MINIMUM_OBSERVATIONS
              + " months with a value");
    }
    double[] series = months.values().stream().mapToDouble(Double::doubleValue).toArray();
    double last = series[series.length - 1];
    // A constant history has no distribution to fit; it is simulated as that constant.
    Optional<FitReport> fit =
        months.values().stream().allMatch(v -> v == last)
            ? Optional.empty()
            : Optional.of(fitter.fit(new KpiSeries(kpi, series)));
    KpiProcess monthly =
        fit.<KpiProcess>map(f -> f.selected().process()).orElse(new NormalProcess(last, 0));
    return new KpiAssumption(
        kpi,
        unit,
        months.size(),
        partialMonths,
        months.firstKey(),
        months.lastKey(),
        fit,
        monthly,
        annual(monthly),
        last,
        readByModel);
  }

  /** The process sampled every twelfth month. */
  private static KpiProcess annual(KpiProcess monthly) {
    if (monthly instanceof Ar1Process ar1) {
      double phi = ar1.phi();
      return new Ar1Process(
          ar1.intercept() * powerSum(phi),
          Math.pow(phi, MONTHS_PER_YEAR),
          ar1.sigma() * Math.sqrt(powerSum(phi * phi)));
    }
    return monthly;
  }

  /** {@code 1 + x + … + x¹¹}. */
  private static double powerSum(double x) {
    double sum = 0;
    double power = 1;
    for (int s = 0; s < MONTHS_PER_YEAR; s++) {
      sum += power;
      power *= x;
    }
    return sum;
  }

  private static double monthlyPhi(KpiProcess process) {
    return process instanceof Ar1Process ar1 ? ar1.phi() : 0;
  }

  private static CorrelationMatrix annualCorrelation(
      List<String> names, List<KpiAssumption> kpis, List<NavigableMap<YearMonth, Double>> values) {
    List<Integer> fitted = new ArrayList<>();
    for (int i = 0; i < kpis.size(); i++) {
      if (kpis.get(i).fit().isPresent()) {
        fitted.add(i);
      }
    }
    if (fitted.size() < 2) {
      return CorrelationMatrix.independent(names);
    }
    double[][] monthly = monthlyCorrelation(fitted, kpis, values);
    double[][] entries = new double[names.size()][names.size()];
    for (int i = 0; i < names.size(); i++) {
      entries[i][i] = 1;
    }
    for (int a = 0; a < fitted.size(); a++) {
      for (int b = 0; b < a; b++) {
        int i = fitted.get(a);
        int j = fitted.get(b);
        double phiI = monthlyPhi(kpis.get(i).monthly());
        double phiJ = monthlyPhi(kpis.get(j).monthly());
        double rho =
            monthly[a][b]
                * powerSum(phiI * phiJ)
                / Math.sqrt(powerSum(phiI * phiI) * powerSum(phiJ * phiJ));
        entries[i][j] = rho;
        entries[j][i] = rho;
      }
    }
    return new CorrelationMatrix(names, entries);
  }

  private static double[][] monthlyCorrelation(
      List<Integer> fitted,
      List<KpiAssumption> kpis,
      List<NavigableMap<YearMonth, Double>> values) {
    Set<YearMonth> common = new TreeSet<>(values.get(fitted.getFirst()).keySet());
    fitted.forEach(i -> common.retainAll(values.get(i).keySet()));
    List<double[]> rows = new ArrayList<>();
    for (YearMonth month : common) {
      YearMonth before = month.minusMonths(1);
      if (!common.contains(before)) {
        continue;
      }
      double[] row = new double[fitted.size()];
      for (int a = 0; a < fitted.size(); a++) {
        int i = fitted.get(a);
        row[a] =
            kpis.get(i).monthly().innovation(values.get(i).get(before), values.get(i).get(month));
      }
      rows.add(row);
    }
    String fittedNames =
        fitted.stream().map(i -> "'" + kpis.get(i).kpiId() + "'").collect(Collectors.joining(", "));
    if (rows.size() < KpiFitter.MINIMUM_OBSERVATIONS - 1) {
      throw new IllegalArgumentException(
          "KPIs "
              + fittedNames
              + " all have values in a month and the month before only "
              + rows.size()
              + " times; estimating how they move together needs at least "
              + (KpiFitter.MINIMUM_OBSERVATIONS - 1)
              + " ("
              + KpiFitter.MINIMUM_OBSERVATIONS
              + " common months without gaps)");
    }
    double[][] correlation =
        new PearsonsCorrelation(rows.toArray(double[][]::new)).getCorrelationMatrix().getData();
    for (double[] row : correlation) {
      for (double entry : row) {
        if (!Double.isFinite(entry)) {
          throw new IllegalArgumentException(
              "the innovations of KPIs "
                  + fittedNames
                  + " over their common months do not vary: their correlation is undefined");
        }
      }
    }
    return correlation;
  }
}
