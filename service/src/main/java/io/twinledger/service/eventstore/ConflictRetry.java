package io.twinledger.service.eventstore;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Sends a command again when it lost a race for its aggregate's next sequence number to another
 * service instance on the same PostgreSQL, and only then.
 *
 * <p>Within one instance, commands on one aggregate take turns under Axon's aggregate lock. Across
 * instances nothing orders them: both load the aggregate at version n and append event n + 1, and
 * the event store's unique (aggregate id, sequence number) constraint refuses the second, which
 * Axon reports as a {@link ConcurrencyException}. The loser is dispatched again after a short
 * exponential back-off (Axon's {@link ExponentialBackOffIntervalRetryScheduler}); it then loads the
 * aggregate with the winner's events and decides afresh: it succeeds, or fails on the aggregate's
 * own rules (a stale expected version among them) like any command.
 *
 * <p>A lost race to create an aggregate ({@link AggregateStreamCreationException}) is retried once:
 * a command that creates its aggregate only if missing (a KPI period series' first period) then
 * applies to the one the other instance created; a command that always creates (registering an
 * asset) fails again at once, and the caller hears that the id is taken. Nothing else is retried: a
 * command's own refusals would fail again.
 */
public final class ConflictRetry implements RetryScheduler, AutoCloseable {

  /**
   * Sends the retries; a thread of its own, not a bean, so that Spring Boot's task scheduler (which
   * gives way to any {@code ScheduledExecutorService} bean) stays the scheduled jobs'. Daemon, so
   * that a retry in flight at shutdown does not keep the JVM up.
   */
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("command-retry").daemon().factory());

  private final RetryScheduler backOff;

  /**
   * @param firstDelay the wait before the first retry; each further retry waits twice as long
   * @param maxRetries how often a command is sent again at most
   */
  public ConflictRetry(Duration firstDelay, int maxRetries) {
    this.backOff =
        ExponentialBackOffIntervalRetryScheduler.builder()
            .retryExecutor(executor)
            .backoffFactor(firstDelay.toMillis())
            .maxRetryCount(maxRetries)
            // Which failures qualify is decided above; to the back-off every one is transient.
            .nonTransientFailurePredicate(failure -> false)
            .build();
  }

  @Override
  public boolean scheduleRetry(
      CommandMessage commandMessage,
      RuntimeException lastFailure,
      List<Class<? extends Throwable>[]> failures,
      Runnable dispatchTask) {
    boolean retry =
        causedBy(lastFailure, ConcurrencyException.class)
            || (failures.size() == 1
                && causedBy(lastFailure, AggregateStreamCreationException.class));
    return retry && backOff.scheduleRetry(commandMessage, lastFailure, failures, dispatchTask);
  }

  /**
   * Schedules no more retries. Those already scheduled are still sent, so that their callers hear
   * how they ended (a command bus that has stopped refuses them) rather than wait for ever.
   */
  @Override
  public void close() {
    executor.shutdown();
  }

  /** Whether {@code failure} or one of its causes is a {@code kind}. */
  private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (kind.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
