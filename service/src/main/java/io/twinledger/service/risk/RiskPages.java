package io.twinledger.service.risk;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.model.projection.Models;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.security.Roles;
import io.twinledger.service.web.FieldErrors;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiFragment;
import io.twinledger.service.web.UiPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Risk simulations in the web UI: start one, follow its progress, read its NPV distribution, cancel
 * it. Jobs are started, found and cancelled through the same {@link RiskRuns} and {@link RiskJobs}
 * as the API, with the same roles and the same refusals, shown on the page.
 */
@UiController
public class RiskPages {

  private static final String PAGE = "risk/risk";
  private static final String JOB = "risk/job";

  private final RiskRuns runs;
  private final RiskJobs jobs;
  private final Models models;

  RiskPages(RiskRuns runs, RiskJobs jobs, Models models) {
    this.runs = runs;
    this.jobs = jobs;
    this.models = models;
  }

  @GetMapping("/ui/risk")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @UiPage(nav = "Risk", order = 60)
  public String risk(Model model) {
    return page(RiskForm.blank(), FieldErrors.none(), model);
  }

  /** Starts a simulation as {@code POST /api/v1/risk/simulations} does, then shows its job. */
  @PostMapping("/ui/risk")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR})
  public String start(@ModelAttribute RiskForm form, Model model, HttpServletResponse response) {
    try {
      return "redirect:/ui/risk/" + runs.start(form.body()).id();
    } catch (InvalidFieldException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return page(form, FieldErrors.of(e), model);
    } catch (NotFoundException e) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      return page(form, FieldErrors.of("assetId", e.getMessage()), model);
    } catch (RiskInputsUnusable e) {
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
      return page(form, FieldErrors.of("assetId", e.getMessage()), model);
    } catch (RiskQueueFull e) {
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
      return page(form, FieldErrors.of("", e.getMessage()), model);
    }
  }

  @GetMapping("/ui/risk/{jobId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  public String job(@PathVariable String jobId, Model model) {
    model.addAttribute("job", RiskViews.Job.of(runs.find(jobId)));
    return JOB;
  }

  /** The job's state and, once finished, its report: what the job page polls while it runs. */
  @GetMapping("/ui/risk/{jobId}/progress")
  @UiFragment
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  public String progress(@PathVariable String jobId, Model model) {
    model.addAttribute("job", RiskViews.Job.of(runs.find(jobId)));
    return "risk/status :: status";
  }

  /** Cancels a job as {@code DELETE /api/v1/risk/simulations/{jobId}} does. */
  @PostMapping("/ui/risk/{jobId}/cancel")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR})
  public String cancel(
      @PathVariable String jobId,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    RiskJob job = runs.find(jobId);
    try {
      jobs.cancel(job);
    } catch (RiskJobFinished e) {
      response.setStatus(HttpStatus.CONFLICT.value());
      model.addAttribute("refusal", e.getMessage());
      model.addAttribute("job", RiskViews.Job.of(job));
      return JOB;
    }
    redirect.addFlashAttribute("cancelled", true);
    return "redirect:/ui/risk/" + jobId;
  }

  private String page(RiskForm form, FieldErrors errors, Model model) {
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("general", errors.general(RiskForm.FIELDS));
    model.addAttribute("models", models.list());
    model.addAttribute("jobs", jobs.recent().stream().map(RiskViews.Summary::of).toList());
    return PAGE;
  }
}
