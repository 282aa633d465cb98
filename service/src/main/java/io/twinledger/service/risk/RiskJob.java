package io.twinledger.service.risk;

import io.twinledger.finance.risk.model.ModelSimulation;
import io.twinledger.finance.risk.simulation.CancellationToken;
import io.twinledger.finance.risk.simulation.MonteCarloEngine;
import io.twinledger.finance.risk.simulation.RiskReport;
import io.twinledger.finance.risk.simulation.SimulationOutcome;
import io.twinledger.ledger.model.projection.ModelView;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Monte Carlo run of an asset's model, from queued to finished. Thread-safe: the job runs on
 * the jobs' executor, progress arrives from the engine's workers, and requests read and cancel it
 * concurrently; every change of state happens under the job's lock, progress in an atomic.
 */
final class RiskJob implements Runnable {

  /** Where a job is in its life; the last three are final. */
  enum Status {
    QUEUED,
    RUNNING,
    COMPLETED,
    CANCELLED,
    FAILED;

    boolean finished() {
      return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
  }

  /** What a reader sees of a job at one moment. */
  record State(
      Status status,
      boolean cancelRequested,
      long pathsDone,
      Optional<Instant> startedAt,
      Optional<Instant> finishedAt,
      Optional<RiskReport> report,
      Optional<String> failure) {}

  private static final Logger log = LoggerFactory.getLogger(RiskJob.class);

  private final String id;
  private final RiskRequests.Checked request;
  private final ModelView model;
  private final ModelSimulation simulation;
  private final MonteCarloEngine engine;
  private final Clock clock;
  private final Instant submittedAt;
  private final CancellationToken cancellation = new CancellationToken();
  private final AtomicLong pathsDone = new AtomicLong();

  private Status status = Status.QUEUED;
  private Instant startedAt;
  private Instant finishedAt;
  private RiskReport report;
  private String failure;

  RiskJob(
      String id,
      RiskRequests.Checked request,
      RiskInputs.Prepared prepared,
      MonteCarloEngine engine,
      Clock clock) {
    this.id = id;
    this.request = request;
    this.model = prepared.model();
    this.simulation = prepared.simulation();
    this.engine = engine;
    this.clock = clock;
    this.submittedAt = clock.instant();
  }

  String id() {
    return id;
  }

  RiskRequests.Checked request() {
    return request;
  }

  ModelView model() {
    return model;
  }

  ModelSimulation simulation() {
    return simulation;
  }

  Instant submittedAt() {
    return submittedAt;
  }

  @Override
  public void run() {
    synchronized (this) {
      if (status != Status.QUEUED) {
        return;
      }
      status = Status.RUNNING;
      startedAt = clock.instant();
    }
    try {
      SimulationOutcome outcome =
          simulation.run(engine, (done, total) -> pathsDone.set(done), cancellation);
      switch (outcome) {
        case SimulationOutcome.Completed completed -> finish(Status.COMPLETED, completed.report());
        case SimulationOutcome.Cancelled cancelled -> finish(Status.CANCELLED, null);
      }
    } catch (RuntimeException e) {
      log.warn("Risk simulation {} of asset {} failed", id, request.assetId(), e);
      synchronized (this) {
        failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      }
      finish(Status.FAILED, null);
    }
  }

  /**
   * Cancels the job: a queued job is cancelled at once, a running one is asked to stop and becomes
   * CANCELLED within one block of paths per worker.
   *
   * @return false if the job had already finished
   */
  synchronized boolean cancel() {
    if (status.finished()) {
      return false;
    }
    cancellation.cancel();
    if (status == Status.QUEUED) {
      status = Status.CANCELLED;
      finishedAt = clock.instant();
    }
    return true;
  }

  synchronized State state() {
    return new State(
        status,
        cancellation.isCancelled(),
        pathsDone.get(),
        Optional.ofNullable(startedAt),
        Optional.ofNullable(finishedAt),
        Optional.ofNullable(report),
        Optional.ofNullable(failure));
  }

  private synchronized void finish(Status finalStatus, RiskReport result) {
    status = finalStatus;
    report = result;
    finishedAt = clock.instant();
  }
}
