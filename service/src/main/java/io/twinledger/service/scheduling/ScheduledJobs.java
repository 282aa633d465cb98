package io.twinledger.service.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.FixedRateTask;
import org.springframework.scheduling.config.IntervalTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.scheduling.config.TaskExecutionOutcome;
import org.springframework.stereotype.Component;

/**
 * The service's {@code @Scheduled} jobs as Spring's scheduler holds them: each job's name, how
 * often it runs, how its last run went and when the next is due.
 */
@Component
public class ScheduledJobs {

  /** How a run went, as the scheduler recorded it. */
  public enum Outcome {
    /** It has not run yet. */
    NOT_YET,
    /** It is running. */
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  /**
   * A scheduled job.
   *
   * @param name the bean's class and method, such as {@code KpiPeriodJob.closeDuePeriods}
   * @param every the delay between runs, for a fixed-delay or fixed-rate job
   * @param lastRun when its last run started
   * @param next when its next run is due, if one is scheduled
   * @param failure the last run's failure, when it failed
   */
  public record Job(
      String name,
      Optional<Duration> every,
      Optional<Instant> lastRun,
      Outcome outcome,
      Optional<Instant> next,
      Optional<String> failure) {}

  private final ObjectProvider<ScheduledTaskHolder> holders;

  public ScheduledJobs(ObjectProvider<ScheduledTaskHolder> holders) {
    this.holders = holders;
  }

  /** Every scheduled job, by name. */
  public List<Job> all() {
    return holders
        .orderedStream()
        .flatMap(h -> h.getScheduledTasks().stream())
        .map(ScheduledJobs::job)
        .sorted(Comparator.comparing(Job::name))
        .toList();
  }

  private static Job job(ScheduledTask scheduled) {
    var task = scheduled.getTask();
    TaskExecutionOutcome last = task.getLastExecutionOutcome();
    Outcome outcome =
        switch (last.status()) {
          case NONE -> Outcome.NOT_YET;
          case STARTED -> Outcome.RUNNING;
          case SUCCESS -> Outcome.SUCCEEDED;
          case ERROR -> Outcome.FAILED;
        };
    Optional<Duration> every =
        task instanceof FixedDelayTask || task instanceof FixedRateTask
            ? Optional.of(((IntervalTask) task).getIntervalDuration())
            : Optional.empty();
    return new Job(
        name(task.getRunnable()),
        every,
        Optional.ofNullable(last.executionTime()),
        outcome,
        Optional.ofNullable(scheduled.nextExecution()),
        Optional.ofNullable(last.throwable()).map(ScheduledJobs::describe));
  }

  /**
   * The job's class and method. Spring wraps the method's runnable and exposes only the wrapper, so
   * the name comes from its text, {@code package.Class.method}.
   */
  private static String name(Runnable runnable) {
    String text = runnable.toString();
    int method = text.lastIndexOf('.');
    return method < 1 ? text : text.substring(text.lastIndexOf('.', method - 1) + 1);
  }

  private static String describe(Throwable failure) {
    return failure.getMessage() == null
        ? failure.getClass().getSimpleName()
        : failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }
}
