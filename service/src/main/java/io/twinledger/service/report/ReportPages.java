package io.twinledger.service.report;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.audit.report.ReportRefusal;
import io.twinledger.ledger.bond.projection.BondView;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.network.Consortium;
import io.twinledger.reporting.UnknownSubjectException;
import io.twinledger.reporting.compliance.ReportRefusedException;
import io.twinledger.reporting.evidence.export.EvidenceUnavailableException;
import io.twinledger.reporting.report.ReportVerifier;
import io.twinledger.service.security.Roles;
import io.twinledger.service.web.FieldErrors;
import io.twinledger.service.web.Navigation;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiFragment;
import io.twinledger.service.web.UiPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The compliance report pages: the issued reports (with the officer's form to issue one), the
 * auditor's queue of reports awaiting attestation, and a report's page with each figure's
 * derivation and proof and a "Verify now" that runs the offline verifier on the report's bundle.
 *
 * <p>Issuing and attesting go through {@link ReportController}, as {@code POST /api/v1/reports} and
 * {@code …/attestations} do, so a form is refused where the API is and with the same field paths.
 * The files (canonical JSON, PDF, CSV, bundle) are the API's answers, served again under {@code
 * /ui} because the API does not take the UI's session.
 */
@UiController
public class ReportPages {

  private static final String LIST = "report/reports";
  private static final String QUEUE = "report/queue";

  private final ReportController api;
  private final ComplianceReports reports;
  private final Bonds bonds;

  ReportPages(ReportController api, ComplianceReports reports, Bonds bonds) {
    this.api = api;
    this.reports = reports;
    this.bonds = bonds;
  }

  /** What the officer's issue form was sent with; blank fields are absent. */
  public record IssueForm(String bondId, String from, String to, String replaces, String reason) {

    /** The form's fields, by the names the API's problems give them. */
    static final List<String> FIELDS = List.of("bondId", "from", "to", "replaces", "reason");

    static IssueForm empty() {
      return new IssueForm("", "", "", "", "");
    }

    ReportBodies.Issue body() {
      return new ReportBodies.Issue(
          null,
          bondId,
          null,
          null,
          null,
          null,
          blankToNull(from),
          blankToNull(to),
          blankToNull(replaces),
          blankToNull(reason));
    }

    private static String blankToNull(String text) {
      return text == null || text.isBlank() ? null : text;
    }
  }

  /** A bond the officer may report on, with its reports that still stand (it may replace one). */
  public record BondChoice(BondView bond, List<StoredReport> standing) {}

  @GetMapping("/ui/reports")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  @UiPage(nav = "Reports", order = 58)
  public String list(Authentication user, Model model) {
    return list(user, IssueForm.empty(), FieldErrors.none(), model);
  }

  /** Issues a report as {@code POST /api/v1/reports} does, then opens it. */
  @PostMapping("/ui/reports")
  @RolesAllowed(Roles.FINANCE_OFFICER)
  public String issue(
      @ModelAttribute IssueForm form,
      Authentication user,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    FieldErrors errors;
    try {
      String issued = api.issue(form.body(), user).getBody().reportId();
      redirect.addFlashAttribute("notice", "Issued " + issued + ".");
      return "redirect:/ui/reports/" + issued;
    } catch (InvalidFieldException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      errors = FieldErrors.of(e);
    } catch (UnknownSubjectException e) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      errors = FieldErrors.of("", e.getMessage());
    } catch (ReportRefusedException e) {
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
      errors = FieldErrors.of("", e.getMessage());
    } catch (EvidenceUnavailableException | ReportRefusal e) {
      response.setStatus(HttpStatus.CONFLICT.value());
      errors = FieldErrors.of("", e.getMessage());
    }
    return list(user, form, errors, model);
  }

  /** The reports an auditor has yet to attest, oldest first, each with Approve and Qualify. */
  @GetMapping("/ui/reports/queue")
  @RolesAllowed(Roles.AUDITOR)
  @UiPage(nav = "Attestations", order = 59, homeOf = Roles.AUDITOR)
  public String queue(Model model) {
    return queue(FieldErrors.none(), model);
  }

  /** Attests a report as {@code POST /api/v1/reports/{id}/attestations} does. */
  @PostMapping("/ui/reports/{reportId}/attest")
  @RolesAllowed(Roles.AUDITOR)
  public String attest(
      @PathVariable String reportId,
      @RequestParam(required = false, defaultValue = "") String verdict,
      @RequestParam(required = false, defaultValue = "") String comments,
      Authentication user,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    try {
      String status =
          api.attest(reportId, new ReportBodies.Attest(verdict, comments), user).status();
      redirect.addFlashAttribute("notice", status + ": " + reportId + ", attested on the ledger.");
    } catch (InvalidFieldException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      String field = e.field().equals("comments") ? commentsField(reportId) : e.field();
      return queue(FieldErrors.of(field, e.reason()), model);
    } catch (EvidenceUnavailableException | ReportRefusal e) {
      redirect.addFlashAttribute("refusal", e.getMessage());
    }
    return "redirect:/ui/reports/queue";
  }

  /** A report in the auditor's queue, and the id of its form's comments field. */
  public record Awaiting(StoredReport report, String field) {}

  /** The id of the comments field of a report's attestation form, unique on the queue page. */
  public static String commentsField(String reportId) {
    return "comments-" + reportId;
  }

  /**
   * A report: its standing, its figures with their derivation and inputs, and with {@code verify}
   * the verifier's findings (without JavaScript, the Verify now button sends it).
   */
  @GetMapping("/ui/reports/{reportId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  public String report(
      @PathVariable String reportId,
      @RequestParam(required = false) String verify,
      Authentication user,
      Model model) {
    ComplianceReports.Reader reader = ReportController.reader(user);
    StoredReport stored = reports.report(reportId, reader);
    model.addAttribute("report", stored);
    model.addAttribute(
        "replacement",
        stored
            .replacedBy()
            .map(id -> reports.report(id, reader))
            .flatMap(StoredReport::replacementReason));
    model.addAttribute("view", ReportView.of(reports.document(stored)));
    model.addAttribute("check", verify == null ? null : check(reportId, reader));
    model.addAttribute(
        "apiBase", ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
    return "report/report";
  }

  /** What "Verify now" swaps in: the verifier's findings on the report's bundle. */
  @GetMapping("/ui/reports/{reportId}/verification")
  @UiFragment
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  public String verification(@PathVariable String reportId, Authentication user, Model model) {
    model.addAttribute("check", check(reportId, ReportController.reader(user)));
    return "report/parts :: verification";
  }

  /** The report as {@code GET /api/v1/reports/{id}?format=} answers it: JSON, PDF or CSV. */
  @GetMapping("/ui/reports/{reportId}/file")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  public ResponseEntity<byte[]> file(
      @PathVariable String reportId,
      @RequestParam(required = false) String format,
      Authentication user) {
    return api.report(reportId, format, user);
  }

  /** The report's bundle as {@code GET /api/v1/reports/{id}/bundle} answers it. */
  @GetMapping("/ui/reports/{reportId}/bundle")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  public ResponseEntity<?> bundle(@PathVariable String reportId, Authentication user) {
    try {
      return api.bundle(reportId, null, user);
    } catch (EvidenceUnavailableException e) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(api.unavailable(e));
    }
  }

  /**
   * The verifier's findings on the bundle the service hands out, or why there is no bundle yet: the
   * same code as {@code ./twinledger verify-report}, run here for convenience.
   */
  private ReportCheck check(String reportId, ComplianceReports.Reader reader) {
    try {
      return ReportCheck.of(
          new ReportVerifier(Consortium::twinLedger)
              .verify(reports.bundle(reportId, Optional.empty(), reader)));
    } catch (EvidenceUnavailableException e) {
      return ReportCheck.unavailable(e.getMessage());
    }
  }

  private String list(Authentication user, IssueForm form, FieldErrors errors, Model model) {
    List<StoredReport> all = reports.list(Optional.empty(), ReportController.reader(user));
    boolean officer = Navigation.roles(user).contains(Roles.FINANCE_OFFICER);
    model.addAttribute("reports", all);
    model.addAttribute("officer", officer);
    model.addAttribute(
        "choices",
        officer
            ? bonds.list().stream()
                .map(
                    bond ->
                        new BondChoice(
                            bond,
                            all.stream()
                                .filter(
                                    r ->
                                        r.subject().equals(bond.bondId())
                                            && r.replacedBy().isEmpty())
                                .toList()))
                .toList()
            : List.of());
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("general", errors.general(IssueForm.FIELDS));
    return LIST;
  }

  private String queue(FieldErrors errors, Model model) {
    List<Awaiting> queue =
        reports.list(Optional.empty()).stream()
            .filter(StoredReport::awaitingAttestation)
            .sorted(Comparator.comparing(StoredReport::issuedAt))
            .map(r -> new Awaiting(r, commentsField(r.reportId())))
            .toList();
    model.addAttribute("queue", queue);
    model.addAttribute("errors", errors);
    model.addAttribute("general", errors.general(queue.stream().map(Awaiting::field).toList()));
    return QUEUE;
  }
}
