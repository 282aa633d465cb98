package io.twinledger.service.market;

import io.twinledger.market.slot.SlotId;
import io.twinledger.service.scheduling.ScheduledJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market's schedule: every {@code twinledger.energy.run-every}, the slots due are cleared, and
 * a backlog run after run until it is cleared (each run ends its slot in hand when the service
 * stops). It runs on its own thread, not the service's shared scheduler: a backlog takes minutes,
 * and the audit, bond and KPI jobs must not wait for it, nor it for them.
 */
public class MarketJobs extends ScheduledJob {

  private static final Logger log = LoggerFactory.getLogger(MarketJobs.class);

  private final Optional<MarketSettlement> settlement;
  private final int slotsPerRun;
  private final Duration runEvery;
  private ScheduledExecutorService timer;

  /**
   * @param settlement the market's settlement; empty where the service runs no market
   * @param slotsPerRun the most slots one settlement run clears
   * @param runEvery the pause between runs
   */
  public MarketJobs(Optional<MarketSettlement> settlement, int slotsPerRun, Duration runEvery) {
    this.settlement = settlement;
    this.slotsPerRun = slotsPerRun;
    this.runEvery = runEvery;
  }

  @Override
  public synchronized void start() {
    super.start();
    if (settlement.isPresent() && timer == null) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().name("energy-market").daemon().factory());
      timer.scheduleWithFixedDelay(
          this::runLogged, runEvery.toMillis(), runEvery.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void stop() {
    super.stop();
    if (timer != null) {
      timer.shutdown();
      timer = null;
    }
  }

  /** Running while its timer is, so that the context starts it (and stops it). */
  @Override
  public synchronized boolean isRunning() {
    return settlement.isEmpty() ? super.isRunning() : timer != null;
  }

  /** A failed run is logged and the next one tries again; the schedule must not end on it. */
  private void runLogged() {
    try {
      runDue();
    } catch (RuntimeException e) {
      log.warn("Energy market: the run failed and is retried at the next one: {}", e.toString());
    }
  }

  /** Clears the slots due, backlog included; returns them, for tests. */
  public List<SlotId> runDue() {
    return run(
        () -> {
          List<SlotId> cleared = new ArrayList<>();
          List<SlotId> last;
          do {
            last = settlement.map(s -> s.clearDue(this::stopping)).orElse(List.of());
            if (!last.isEmpty()) {
              log.info(
                  "Energy market: cleared {} slot(s), {} to {}",
                  last.size(),
                  last.getFirst(),
                  last.getLast());
            }
            cleared.addAll(last);
          } while (last.size() >= slotsPerRun && !stopping());
          return cleared;
        },
        List.of());
  }
}
