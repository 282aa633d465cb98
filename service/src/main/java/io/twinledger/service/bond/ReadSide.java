package io.twinledger.service.bond;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits, briefly, until the read side shows what a page just recorded: the page the user is sent to
 * reads the projection, which follows the event store a moment later, and should show the change.
 * After {@link #WAIT} the page is shown as it is.
 */
final class ReadSide {

  static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofMillis(25);

  private ReadSide() {}

  /** Returns once {@code done} holds, after {@link #WAIT}, or when interrupted. */
  static void await(BooleanSupplier done) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline && !done.getAsBoolean()) {
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
