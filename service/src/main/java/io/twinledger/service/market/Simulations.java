package io.twinledger.service.market;

import io.twinledger.market.simulation.SimulationReport;
import io.twinledger.market.simulation.SimulationSettings;
import io.twinledger.market.simulation.VillageSimulation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Village simulations run for API callers, one at a time on their own thread, each followed by its
 * progress and kept in memory (the last {@value #KEPT}) until the service stops. A simulation is a
 * pure computation off the ledger; nothing is stored.
 */
public final class Simulations {

  /** How many simulations are remembered, finished or not. */
  static final int KEPT = 20;

  private final ExecutorService runner;
  private final Map<String, Run> runs =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Run> eldest) {
          return size() > KEPT;
        }
      };

  /**
   * @param runner runs one simulation at a time; its queue bounds the waiting ones
   */
  public Simulations(ExecutorService runner) {
    this.runner = runner;
  }

  /** A simulation's state: how far it got, and its report or failure once done. */
  public static final class Run {
    private final String id;
    private final SimulationSettings settings;
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total;
    private volatile SimulationReport report;
    private volatile String failure;

    Run(String id, SimulationSettings settings) {
      this.id = id;
      this.settings = settings;
    }

    public String id() {
      return id;
    }

    public SimulationSettings settings() {
      return settings;
    }

    public int slotsDone() {
      return done.get();
    }

    public int slotsTotal() {
      return total;
    }

    public Optional<SimulationReport> report() {
      return Optional.ofNullable(report);
    }

    public Optional<String> failure() {
      return Optional.ofNullable(failure);
    }
  }

  /**
   * Starts a simulation.
   *
   * @throws IllegalStateException when too many are waiting
   */
  public synchronized Run start(SimulationSettings settings) {
    Run run = new Run(UUID.randomUUID().toString(), settings);
    try {
      runner.execute(
          () -> {
            try {
              run.report =
                  VillageSimulation.run(
                      settings,
                      (done, total) -> {
                        run.total = total;
                        run.done.set(done);
                      });
            } catch (RuntimeException e) {
              run.failure = e.getMessage();
            }
          });
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("Too many simulations are waiting; try again in a minute");
    }
    runs.put(run.id(), run);
    return run;
  }

  /** A simulation started here. */
  public synchronized Optional<Run> find(String id) {
    return Optional.ofNullable(runs.get(id));
  }
}
