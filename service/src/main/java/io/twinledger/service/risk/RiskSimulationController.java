package io.twinledger.service.risk;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.service.openapi.Refusal;
import io.twinledger.service.problem.Problems;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Monte Carlo risk of an asset's cash-flow model as asynchronous jobs: start one, poll its
 * progress, read its report, cancel it. Jobs live in memory only (see {@link RiskJobs}).
 */
@RestController
@RequestMapping("/api/v1/risk/simulations")
@Tag(
    name = "Risk simulations",
    description =
        "Monte Carlo simulation of an asset's active cash-flow model with KPI processes fitted to"
            + " its monthly KPI history: NPV distribution, probability of a DSCR covenant breach"
            + " and of KPI thresholds being crossed. Jobs run one at a time on every processor,"
            + " up to 8 wait; they are kept in memory and not persisted across restarts.")
public class RiskSimulationController {

  private static final String BASE = "/api/v1/risk/simulations/";
  private static final String RETRY_AFTER_SECONDS = "30";

  private final RiskRuns runs;
  private final RiskJobs jobs;

  RiskSimulationController(RiskRuns runs, RiskJobs jobs) {
    this.runs = runs;
    this.jobs = jobs;
  }

  @PostMapping
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR})
  @Operation(
      summary = "Start a risk simulation of an asset",
      description =
          "Fits a process to every KPI the asset's active model reads (and every KPI a threshold"
              + " names) from at least 12 months of KPI history, then queues paths × years of"
              + " simulation. paths 1 to 1,000,000; years 1 to 100; discountRate an annual"
              + " fraction from -0.99 to 1; annualDebtService (default 0: no DSCR) in the model's"
              + " currency; dscrCovenant 0 to 100 (default 1); seed optional (a random one is"
              + " reported); thresholds: up to 20 of {kpi, level in the KPI's unit, direction"
              + " ABOVE|BELOW}. 202 with the job and its Location; 400 naming the field; 404 for"
              + " an unknown asset; 422 when the asset has no active model or too short a KPI"
              + " history; 503 when the queue is full.")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Refusal(status = 422, description = "The asset has no active model or too short a KPI history")
  @Refusal(status = 503, description = "The simulation queue is full")
  public ResponseEntity<RiskViews.Job> start(@RequestBody RiskRequests.SimulationBody body) {
    RiskJob job = runs.start(body);
    return ResponseEntity.accepted()
        .location(URI.create(BASE + job.id()))
        .body(RiskViews.Job.of(job));
  }

  @GetMapping("/{jobId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(
      summary = "A risk simulation job",
      description =
          "Status (QUEUED, RUNNING, COMPLETED, CANCELLED, FAILED), progress, the checked request,"
              + " the fitted process of every KPI and the correlation, and once COMPLETED the"
              + " report: NPV mean, standard deviation, P1-P99, histogram (money rounded to the"
              + " currency's minor unit), P(DSCR breach) and P(each threshold crossed) with"
              + " standard errors and 95 % intervals.")
  public RiskViews.Job job(@PathVariable String jobId) {
    return RiskViews.Job.of(runs.find(jobId));
  }

  @GetMapping
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(
      summary = "Recent risk simulation jobs",
      description = "The jobs this process has kept (up to 100), most recently submitted first.")
  public List<RiskViews.Summary> recent() {
    return jobs.recent().stream().map(RiskViews.Summary::of).toList();
  }

  @DeleteMapping("/{jobId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR})
  @Operation(
      summary = "Cancel a risk simulation job",
      description =
          "A queued job is cancelled at once (200); a running one is asked to stop and becomes"
              + " CANCELLED within a block of paths (202, cancelRequested true). 409 if the job"
              + " has already finished.")
  @ApiResponse(
      responseCode = "200",
      description = "Cancelled: the job was queued",
      content = @Content(schema = @Schema(implementation = RiskViews.Job.class)))
  @ApiResponse(
      responseCode = "202",
      description = "Asked to stop: the running job becomes CANCELLED within a block of paths",
      content = @Content(schema = @Schema(implementation = RiskViews.Job.class)))
  @Refusal(status = 409, description = "risk-job-finished: nothing left to cancel")
  public ResponseEntity<RiskViews.Job> cancel(@PathVariable String jobId) {
    RiskJob job = runs.find(jobId);
    jobs.cancel(job);
    RiskViews.Job view = RiskViews.Job.of(job);
    return ResponseEntity.status(
            RiskJob.Status.valueOf(view.status()).finished() ? HttpStatus.OK : HttpStatus.ACCEPTED)
        .body(view);
  }

  @ExceptionHandler(RiskInputsUnusable.class)
  ProblemDetail unusable(RiskInputsUnusable e) {
    return Problems.of(
        HttpStatus.UNPROCESSABLE_CONTENT,
        "risk-inputs",
        "The asset cannot be simulated",
        e.getMessage());
  }

  @ExceptionHandler(RiskQueueFull.class)
  ResponseEntity<ProblemDetail> queueFull(RiskQueueFull e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .body(
            Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "risk-queue-full",
                "Too many risk simulations",
                e.getMessage()));
  }

  @ExceptionHandler(RiskJobFinished.class)
  ProblemDetail finished(RiskJobFinished e) {
    return Problems.of(HttpStatus.CONFLICT, "risk-job-finished", "Job finished", e.getMessage());
  }
}
