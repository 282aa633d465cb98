package io.twinledger.service.risk;

/** Every place in the job queue is taken; answered with 503 and a Retry-After. */
final class RiskQueueFull extends RuntimeException {

  RiskQueueFull(int capacity) {
    super(
        "the risk simulation queue is full ("
            + capacity
            + " jobs waiting); retry when a job has finished or cancel one");
  }
}
