package io.twinledger.service.risk;

import org.springframework.stereotype.Component;

/**
 * The risk simulation queue by numbers, for operators: how many jobs wait, run and have finished.
 * It names no job, asset or result; those are for the roles of the risk API.
 */
@Component
public class RiskQueue {

  /**
   * The queue at one moment.
   *
   * @param capacity jobs that may wait at once
   * @param finished retained jobs that completed, failed or were cancelled
   */
  public record Status(int queued, int running, int finished, int capacity) {}

  private final RiskJobs jobs;

  RiskQueue(RiskJobs jobs) {
    this.jobs = jobs;
  }

  public Status now() {
    int queued = 0;
    int running = 0;
    int finished = 0;
    for (RiskJob job : jobs.recent()) {
      switch (job.state().status()) {
        case QUEUED -> queued++;
        case RUNNING -> running++;
        case COMPLETED, CANCELLED, FAILED -> finished++;
      }
    }
    return new Status(queued, running, finished, jobs.capacity());
  }
}
