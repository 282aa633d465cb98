package io.twinledger.service.risk;

/** A finished job cannot be cancelled; answered with 409. */
final class RiskJobFinished extends RuntimeException {

  RiskJobFinished(String jobId, RiskJob.Status status) {
    super("job " + jobId + " has already finished: " + status);
  }
}
