package io.twinledger.service.risk;

import io.twinledger.service.problem.NotFoundException;
import org.springframework.stereotype.Component;

/** Starting and finding risk simulation jobs, for the API and the web UI alike. */
@Component
class RiskRuns {

  private final RiskInputs inputs;
  private final RiskJobs jobs;

  RiskRuns(RiskInputs inputs, RiskJobs jobs) {
    this.inputs = inputs;
    this.jobs = jobs;
  }

  /**
   * Checks a request, fits the asset's KPI processes and queues the simulation.
   *
   * @throws io.twinledger.ledger.asset.api.InvalidFieldException naming the field of a bad request
   * @throws NotFoundException if the asset is unknown
   * @throws RiskInputsUnusable if it has no active model or too short a KPI history
   * @throws RiskQueueFull if every place in the queue is taken
   */
  RiskJob start(RiskRequests.SimulationBody body) {
    RiskRequests.Checked request = RiskRequests.check(body);
    return jobs.submit(request, inputs.prepare(request));
  }

  /**
   * A retained job.
   *
   * @throws NotFoundException if no job has the id, or it was forgotten
   */
  RiskJob find(String jobId) {
    return jobs.find(jobId)
        .orElseThrow(() -> new NotFoundException("no risk simulation job " + jobId));
  }
}
