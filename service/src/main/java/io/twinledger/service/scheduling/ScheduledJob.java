package io.twinledger.service.scheduling;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;

/**
 * A scheduled job that the service's stop waits for, so that what a job uses is never stopped under
 * it.
 *
 * <p>Spring stops this lifecycle first (the default phase is the highest): before the web server,
 * the Axon processors and command handlers, and long before the context destroys the embedded peer,
 * the connection pool and the embedded database. Stopping waits for the run in progress, which
 * checks {@link #stopping} between its units of work and returns early; a run that starts
 * afterwards does nothing. Spring's scheduler only cancels the runs that have not started, so
 * without this a run that began before the signal went on against a command bus whose handlers were
 * gone, and logged an error on stop.
 *
 * <p>When several service instances share the PostgreSQL, a run also holds the job's lock in it
 * ({@link JobLocks}): a job runs on one instance at a time, and a run that finds its lock taken
 * (another instance is running the job) does nothing and returns what a stopping run returns. The
 * lock is one per job class, so a job's methods exclude each other across instances as they do
 * within one. A job built outside Spring (a unit test) runs without one.
 */
public abstract class ScheduledJob implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduledJob.class);

  /** How long a stop waits for the run in progress before it goes on without it. */
  static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final ReentrantLock running = new ReentrantLock();
  private final Duration stopWait;
  private volatile boolean stopping;
  private Optional<JobLocks> locks = Optional.empty();

  protected ScheduledJob() {
    this(STOP_WAIT);
  }

  ScheduledJob(Duration stopWait) {
    this.stopWait = stopWait;
  }

  /** Set by Spring: the locks that keep the job to one instance at a time. */
  @Autowired
  void lockAcrossInstances(JobLocks locks) {
    this.locks = Optional.of(locks);
  }

  /**
   * Runs {@code work} unless the service is stopping or another instance runs this job; {@link
   * #stop} waits until it returns.
   *
   * @param skipped what a run returns once the service is stopping, or when it is skipped
   */
  protected final <T> T run(Supplier<T> work, T skipped) {
    running.lock();
    try {
      if (stopping) {
        return skipped;
      }
      // A run inside a run of the same job already holds the lock.
      if (locks.isEmpty() || running.getHoldCount() > 1) {
        return work.get();
      }
      Optional<JobLocks.Held> held = locks.get().tryLock(getClass().getName());
      if (held.isEmpty()) {
        LOG.debug("{} runs on another instance; skipping this run", getClass().getSimpleName());
        return skipped;
      }
      try (JobLocks.Held lock = held.get()) {
        return work.get();
      }
    } finally {
      running.unlock();
    }
  }

  /** Runs {@code work} unless the service is stopping; {@link #stop} waits until it returns. */
  protected final void run(Runnable work) {
    run(
        () -> {
          work.run();
          return null;
        },
        null);
  }

  /** Whether the service is stopping: a long run returns at its next unit of work. */
  protected final boolean stopping() {
    return stopping;
  }

  @Override
  public void start() {
    stopping = false;
  }

  /**
   * Waits for the run in progress, at most {@link #STOP_WAIT}: a run stuck inside one unit of work
   * (a database that no longer answers) must not keep the service from stopping.
   */
  @Override
  public void stop() {
    stopping = true;
    try {
      if (running.tryLock(stopWait.toMillis(), TimeUnit.MILLISECONDS)) {
        running.unlock();
      } else {
        LOG.warn(
            "{} still running after {}; stopping without waiting for it",
            getClass().getSimpleName(),
            stopWait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return !stopping;
  }
}
