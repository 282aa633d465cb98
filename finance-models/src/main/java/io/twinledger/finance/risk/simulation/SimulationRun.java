package io.twinledger.finance.risk.simulation;

import io.twinledger.finance.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The state one simulation run shares between its workers: which block comes next, the per-path and
 * per-block results, progress and stopping. Results are stored by path and by block index, and
 * reduced in that order after every worker has finished, so the report does not depend on which
 * thread ran which block.
 */
final class SimulationRun {

  final SimulationSpec spec;
  final PathCashFlows model;
  final double[] npvByPath;
  final long[] breachesByBlock;
  final long[][] crossingsByBlock;

  private final ProgressListener progress;
  private final CancellationToken cancellation;
  private final AtomicInteger nextBlock = new AtomicInteger();
  private final AtomicBoolean aborted = new AtomicBoolean();
  private final Object progressLock = new Object();
  private long pathsDone;

  SimulationRun(
      SimulationSpec spec,
      PathCashFlows model,
      ProgressListener progress,
      CancellationToken cancellation) {
    this.spec = spec;
    this.model = model;
    this.progress = progress;
    this.cancellation = cancellation;
    this.npvByPath = new double[spec.paths()];
    this.breachesByBlock = new long[spec.blocks()];
    this.crossingsByBlock = new long[spec.blocks()][spec.thresholds().size()];
  }

  /** The next block to simulate, or -1 when there is none left or the run must stop. */
  int claimBlock() {
    if (aborted.get() || cancellation.isCancelled() || Thread.currentThread().isInterrupted()) {
      return -1;
    }
    int block = nextBlock.getAndIncrement();
    return block < spec.blocks() ? block : -1;
  }

  void abort() {
    aborted.set(true);
  }

  void blockDone(int paths) {
    synchronized (progressLock) {
      pathsDone += paths;
      progress.onProgress(pathsDone, spec.paths());
    }
  }

  long pathsDone() {
    synchronized (progressLock) {
      return pathsDone;
    }
  }

  RiskReport report() {
    double[] sorted = npvByPath.clone();
    Arrays.sort(sorted);
    double mean = StatUtils.mean(sorted);
    double standardDeviation = sorted.length > 1 ? Math.sqrt(StatUtils.variance(sorted, mean)) : 0;
    Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
    percentile.setData(sorted);
    List<PercentileEstimate> percentiles = new ArrayList<>();
    for (double level : MonteCarloEngine.PERCENTILES) {
      percentiles.add(new PercentileEstimate(level, money(percentile.evaluate(level))));
    }
    NpvDistribution npv =
        new NpvDistribution(
            money(mean),
            money(standardDeviation),
            money(sorted[0]),
            money(sorted[sorted.length - 1]),
            percentiles,
            histogram(sorted));

    long breaches = Arrays.stream(breachesByBlock).sum();
    List<ThresholdResult> thresholds = new ArrayList<>();
    for (int i = 0; i < spec.thresholds().size(); i++) {
      long crossed = 0;
      for (long[] block : crossingsByBlock) {
        crossed += block[i];
      }
      thresholds.add(
          new ThresholdResult(
              spec.thresholds().get(i), new EstimatedProbability(crossed, spec.paths())));
    }
    return new RiskReport(
        spec.seed(),
        spec.paths(),
        spec.periods(),
        spec.blockSize(),
        npv,
        new EstimatedProbability(breaches, spec.paths()),
        thresholds);
  }

  private List<HistogramBin> histogram(double[] sorted) {
    double min = sorted[0];
    double max = sorted[sorted.length - 1];
    if (min == max) {
      return List.of(new HistogramBin(money(min), money(max), sorted.length));
    }
    int bins = spec.histogramBins();
    double width = (max - min) / bins;
    long[] counts = new long[bins];
    for (double value : sorted) {
      counts[Math.min((int) ((value - min) / width), bins - 1)]++;
    }
    List<HistogramBin> histogram = new ArrayList<>(bins);
    for (int i = 0; i < bins; i++) {
      double upper = i == bins - 1 ? max : min + (i + 1) * width;
      histogram.add(new HistogramBin(money(min + i * width), money(upper), counts[i]));
    }
    return histogram;
  }

  private Money money(double amount) {
    return new Money(
        new BigDecimal(amount)
            .setScale(spec.currency().getDefaultFractionDigits(), RoundingMode.HALF_EVEN),
        spec.currency());
  }
}
