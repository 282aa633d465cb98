package io.twinledger.finance.risk.simulation;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a running simulation to stop. The engine checks it before each block of paths, so a
 * cancelled run stops within one block per worker and returns {@link SimulationOutcome.Cancelled}.
 * Safe to share between threads; cancellation cannot be undone.
 */
public final class CancellationToken {

  private final AtomicBoolean cancelled = new AtomicBoolean();

  public void cancel() {
    cancelled.set(true);
  }

  public boolean isCancelled() {
    return cancelled.get();
  }
}
