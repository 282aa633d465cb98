package io.twinledger.service.risk;

import io.twinledger.finance.risk.simulation.MonteCarloEngine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The risk simulation jobs of this process, in memory only: they are not persisted, so a restart
 * forgets every job, finished or not.
 *
 * <p>One job runs at a time (the engine itself uses every processor) on a single job thread; up to
 * {@code twinledger.risk.queue-capacity} (default 8) more wait, and a job submitted beyond that is
 * refused. The {@code twinledger.risk.retained-jobs} (default 100) most recent jobs are kept; older
 * finished jobs are forgotten as new ones arrive. On shutdown every job is cancelled and the job
 * thread interrupted.
 */
@Component
class RiskJobs implements DisposableBean {

  private final int queueCapacity;
  private final int retained;
  private final MonteCarloEngine engine = MonteCarloEngine.onAllProcessors();
  private final Clock clock = Clock.systemUTC();
  private final ThreadPoolExecutor executor;
  private final Map<String, RiskJob> jobs = new LinkedHashMap<>();

  RiskJobs(
      @Value("${twinledger.risk.queue-capacity:8}") int queueCapacity,
      @Value("${twinledger.risk.retained-jobs:100}") int retained) {
    this.queueCapacity = queueCapacity;
    this.retained = retained;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            task -> {
              Thread thread = new Thread(task, "risk-job-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Queues a prepared simulation.
   *
   * @throws RiskQueueFull if every place in the queue is taken
   */
  RiskJob submit(RiskRequests.Checked request, RiskInputs.Prepared prepared) {
    RiskJob job = new RiskJob(UUID.randomUUID().toString(), request, prepared, engine, clock);
    synchronized (jobs) {
      jobs.put(job.id(), job);
      forgetOldFinished();
    }
    try {
      executor.execute(job);
    } catch (RejectedExecutionException e) {
      synchronized (jobs) {
        jobs.remove(job.id());
      }
      throw new RiskQueueFull(queueCapacity);
    }
    return job;
  }

  /** Jobs that may wait at once. */
  int capacity() {
    return queueCapacity;
  }

  Optional<RiskJob> find(String jobId) {
    synchronized (jobs) {
      return Optional.ofNullable(jobs.get(jobId));
    }
  }

  /** The retained jobs, most recently submitted first. */
  List<RiskJob> recent() {
    List<RiskJob> all;
    synchronized (jobs) {
      all = new ArrayList<>(jobs.values());
    }
    all.sort(Comparator.comparing(RiskJob::submittedAt).reversed());
    return all;
  }

  /**
   * Cancels a job; a queued one also leaves the queue at once, freeing its place.
   *
   * @throws RiskJobFinished if it had already finished
   */
  void cancel(RiskJob job) {
    if (!job.cancel()) {
      throw new RiskJobFinished(job.id(), job.state().status());
    }
    executor.remove(job);
  }

  @Override
  public void destroy() throws InterruptedException {
    recent().forEach(RiskJob::cancel);
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }

  private void forgetOldFinished() {
    int excess = jobs.size() - retained;
    var iterator = jobs.values().iterator();
    while (excess > 0 && iterator.hasNext()) {
      if (iterator.next().state().status().finished()) {
        iterator.remove();
        excess--;
      }
    }
  }
}
