package io.twinledger.finance.risk.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a Monte Carlo simulation of KPI paths through a cash-flow model and estimates the NPV
 * distribution, the probability of a DSCR covenant breach and the probability of each KPI threshold
 * being crossed.
 *
 * <p>Each path draws correlated standard normal innovations (Cholesky factor of the correlation
 * matrix times independent normals), moves every KPI through its process, hands the path to the
 * {@link PathCashFlows} model and measures the result. Blocks of paths are spread over a fixed
 * number of worker threads; results are identical for a seed whatever that number (see {@link
 * SimulationSpec}). Everything is computed in double; reported money is rounded half-even to the
 * currency's minor unit only when the report is built.
 *
 * <p>Progress is reported once per block; cancellation is checked before each block, as is the
 * calling thread's interrupt flag.
 */
public final class MonteCarloEngine {

  /** The NPV percentiles every report carries, in percent. */
  public static final List<Double> PERCENTILES =
      List.of(1.0, 5.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0);

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final int parallelism;

  /**
   * @param parallelism the number of worker threads, at least 1; 1 runs in the calling thread
   */
  public MonteCarloEngine(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /** An engine with one worker per available processor. */
  public static MonteCarloEngine onAllProcessors() {
    return new MonteCarloEngine(Runtime.getRuntime().availableProcessors());
  }

  public int parallelism() {
    return parallelism;
  }

  /** Runs to completion without progress reporting or cancellation. */
  public RiskReport run(SimulationSpec spec, PathCashFlows model) {
    return switch (run(spec, model, ProgressListener.NONE, new CancellationToken())) {
      case SimulationOutcome.Completed completed -> completed.report();
      case SimulationOutcome.Cancelled cancelled ->
          throw new IllegalStateException(
              "simulation interrupted after "
                  + cancelled.pathsDone()
                  + " of "
                  + cancelled.totalPaths()
                  + " paths");
    };
  }

  /**
   * Runs a simulation.
   *
   * @return the report, or {@link SimulationOutcome.Cancelled} if the token was cancelled or the
   *     calling thread interrupted before every path was done
   * @throws IllegalStateException if the model fails or returns a non-finite cash flow, naming the
   *     path
   */
  public SimulationOutcome run(
      SimulationSpec spec,
      PathCashFlows model,
      ProgressListener progress,
      CancellationToken cancellation) {
    SimulationRun run = new SimulationRun(spec, model, progress, cancellation);
    int workers = Math.min(parallelism, spec.blocks());
    if (workers == 1) {
      new PathBlockWorker(run).call();
    } else {
      runOnPool(run, workers);
    }
    long done = run.pathsDone();
    return done == spec.paths()
        ? new SimulationOutcome.Completed(run.report())
        : new SimulationOutcome.Cancelled(done, spec.paths());
  }

  private static void runOnPool(SimulationRun run, int workers) {
    ExecutorService pool = Executors.newFixedThreadPool(workers, workerThreads());
    try {
      List<Future<Void>> futures = new ArrayList<>(workers);
      for (int i = 0; i < workers; i++) {
        futures.add(pool.submit(new PathBlockWorker(run)));
      }
      for (Future<Void> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      run.abort();
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("simulation worker failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static ThreadFactory workerThreads() {
    int pool = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "monte-carlo-" + pool + "-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
