package io.twinledger.finance.risk.simulation;

import io.twinledger.finance.risk.fit.KpiProcess;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Simulates blocks of paths until none is left. One worker per thread; its arrays are reused for
 * every path, so the inner loop allocates nothing but the per-block generator.
 */
final class PathBlockWorker implements Callable<Void> {

  private final SimulationRun run;
  private final SimulationSpec spec;
  private final KpiProcess[] processes;
  private final double[] startValues;
  private final double[][] cholesky;
  private final double[] discountFactors;
  private final double covenant;
  private final KpiThreshold[] thresholds;
  private final int[] thresholdKpis;

  private final double[][] kpiPath;
  private final double[] cashFlows;
  private final double[] debtService;
  private final double[] previous;
  private final double[] independent;

  PathBlockWorker(SimulationRun run) {
    this.run = run;
    this.spec = run.spec;
    List<SimulatedKpi> kpis = spec.kpis();
    int k = kpis.size();
    int periods = spec.periods();
    this.processes = kpis.stream().map(SimulatedKpi::process).toArray(KpiProcess[]::new);
    this.startValues = kpis.stream().mapToDouble(SimulatedKpi::startValue).toArray();
    this.cholesky = spec.correlation().choleskyLower();
    this.discountFactors = new double[periods];
    double growth = 1 + spec.discountRate().doubleValue();
    for (int t = 0; t < periods; t++) {
      discountFactors[t] = Math.pow(growth, -(t + 1));
    }
    this.covenant = spec.dscrCovenant().doubleValue();
    this.thresholds = spec.thresholds().toArray(KpiThreshold[]::new);
    List<String> names = kpis.stream().map(SimulatedKpi::name).toList();
    this.thresholdKpis = new int[thresholds.length];
    for (int i = 0; i < thresholds.length; i++) {
      thresholdKpis[i] = names.indexOf(thresholds[i].kpi());
    }
    this.kpiPath = new double[k][periods];
    this.cashFlows = new double[periods];
    this.debtService = new double[periods];
    this.previous = new double[k];
    this.independent = new double[k];
  }

  @Override
  public Void call() {
    try {
      for (int block = run.claimBlock(); block >= 0; block = run.claimBlock()) {
        run.blockDone(simulate(block));
      }
      return null;
    } catch (RuntimeException | Error e) {
      run.abort();
      throw e;
    }
  }

  private int simulate(int block) {
    RandomGenerator random = BlockSeeds.generator(spec.seed(), block);
    int first = block * spec.blockSize();
    int end = Math.min(first + spec.blockSize(), spec.paths());
    long breaches = 0;
    long[] crossings = run.crossingsByBlock[block];
    for (int path = first; path < end; path++) {
      drawKpis(random);
      Arrays.fill(cashFlows, 0);
      Arrays.fill(debtService, 0);
      try {
        run.model.evaluate(kpiPath, cashFlows, debtService);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "cash-flow model failed on path " + path + " (block " + block + ")", e);
      }
      double npv = 0;
      boolean breach = false;
      for (int t = 0; t < cashFlows.length; t++) {
        npv += cashFlows[t] * discountFactors[t];
        // CFADS < covenant · debt service, which avoids dividing by the debt service.
        breach |= debtService[t] > 0 && cashFlows[t] < covenant * debtService[t];
      }
      if (!Double.isFinite(npv)) {
        throw new IllegalStateException(
            "cash-flow model gave a non-finite NPV ("
                + npv
                + ") on path "
                + path
                + " (block "
                + block
                + "): check it for KPI values outside its domain");
      }
      run.npvByPath[path] = npv;
      if (breach) {
        breaches++;
      }
      for (int i = 0; i < thresholds.length; i++) {
        if (crosses(thresholds[i], kpiPath[thresholdKpis[i]])) {
          crossings[i]++;
        }
      }
    }
    run.breachesByBlock[block] = breaches;
    return end - first;
  }

  private void drawKpis(RandomGenerator random) {
    int k = processes.length;
    System.arraycopy(startValues, 0, previous, 0, k);
    for (int t = 0; t < kpiPath[0].length; t++) {
      for (int i = 0; i < k; i++) {
        independent[i] = random.nextGaussian();
      }
      for (int i = 0; i < k; i++) {
        double[] row = cholesky[i];
        double z = 0;
        for (int j = 0; j <= i; j++) {
          z += row[j] * independent[j];
        }
        double value = processes[i].next(previous[i], z);
        kpiPath[i][t] = value;
        previous[i] = value;
      }
    }
  }

  private static boolean crosses(KpiThreshold threshold, double[] values) {
    for (double value : values) {
      if (threshold.isCrossedBy(value)) {
        return true;
      }
    }
    return false;
  }
}
