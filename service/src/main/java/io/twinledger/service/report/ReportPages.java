package io.twinledger.service.report;

import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.audit.report.ReportRefusal;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.model.projection.Models;
import io.twinledger.network.Consortium;
import io.twinledger.reporting.UnknownSubjectException;
import io.twinledger.reporting.compliance.ReportRefusedException;
import io.twinledger.reporting.evidence.export.EvidenceUnavailableException;
import io.twinledger.reporting.pnl.PnlStatements;
import io.twinledger.reporting.report.ReportType;
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
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
 * The compliance report pages: the issued reports (with the officer's form to issue one of every
 * kind: a bond's report, an asset's or a portfolio's P&amp;L statement, an investor's statement,
 * the village's month; choosing the kind swaps in its fields, or without JavaScript reloads the
 * page with them), the auditor's queue of reports awaiting attestation, and a report's page with
 * each figure's derivation and proof and a "Verify now" that runs the offline verifier on the
 * report's bundle.
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

  /** What the officer's form issues, in the order its choice lists them. */
  static final List<Kind> KINDS =
      List.of(
          new Kind("", "Bond report (its type follows the bond's terms)"),
          new Kind(ReportType.PNL_STATEMENT.label(), "Asset P&L statement"),
          new Kind(ReportType.PORTFOLIO_PNL_STATEMENT.label(), "Portfolio P&L statement"),
          new Kind(ReportType.INVESTOR_STATEMENT.label(), "Investor statement"),
          new Kind(ReportType.COMMUNITY_ENERGY.label(), "Village community energy report"));

  private final ReportController api;
  private final ComplianceReports reports;
  private final Bonds bonds;
  private final Models models;

  ReportPages(ReportController api, ComplianceReports reports, Bonds bonds, Models models) {
    this.api = api;
    this.reports = reports;
    this.bonds = bonds;
    this.models = models;
  }

  /**
   * A kind of report the officer issues.
   *
   * @param type the API's {@code type}; empty for a bond's report, whose type its terms give
   * @param name the kind in words
   */
  public record Kind(String type, String name) {

    /** Whether {@code report} is of this kind, so that a report of this kind may replace it. */
    boolean includes(StoredReport report) {
      return type.isEmpty()
          ? KINDS.stream().noneMatch(k -> k.type().equals(report.reportType()))
          : type.equals(report.reportType());
    }
  }

  /**
   * What the officer's issue form was sent with; blank fields are absent. The form shows, and the
   * API reads, only the fields of its {@code type}: the subject ({@code bondId}, {@code assetId},
   * {@code portfolioId}, {@code holder} or {@code month}), the period and a correction's.
   */
  public record IssueForm(
      String type,
      String bondId,
      String assetId,
      String portfolioId,
      String holder,
      String month,
      String from,
      String to,
      String replaces,
      String reason) {

    /** The form's fields, by the names the API's problems give them. */
    static final List<String> FIELDS =
        List.of(
            "type",
            "bondId",
            "assetId",
            "portfolioId",
            "holder",
            "month",
            "from",
            "to",
            "replaces",
            "reason");

    /** An empty form for a report of {@code type}. */
    static IssueForm of(String type) {
      return new IssueForm(type, "", "", "", "", "", "", "", "", "");
    }

    ReportBodies.Issue body() {
      return new ReportBodies.Issue(
          blankToNull(type),
          blankToNull(bondId),
          blankToNull(assetId),
          blankToNull(portfolioId),
          blankToNull(holder),
          blankToNull(month),
          blankToNull(from),
          blankToNull(to),
          blankToNull(replaces),
          blankToNull(reason));
    }

    /** The kind the form is for; none for a type the form does not offer. */
    Optional<Kind> kind() {
      return KINDS.stream().filter(k -> k.type().equals(Objects.toString(type, ""))).findFirst();
    }

    private static String blankToNull(String text) {
      return text == null || text.isBlank() ? null : text;
    }
  }

  /** The reports; for the officer, the form to issue one of {@code type} (a bond's by default). */
  @GetMapping("/ui/reports")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  @UiPage(nav = "Reports", order = 58)
  public String list(
      @RequestParam(defaultValue = "") String type, Authentication user, Model model) {
    return list(user, IssueForm.of(type), FieldErrors.none(), model);
  }

  /**
   * The issue form's fields for a report of {@code type}, which htmx swaps in when it is chosen.
   */
  @GetMapping("/ui/reports/issue-fields")
  @UiFragment
  @RolesAllowed(Roles.FINANCE_OFFICER)
  public String issueFields(
      @RequestParam(defaultValue = "") String type, Authentication user, Model model) {
    issueForm(
        reports.list(Optional.empty(), ReportController.reader(user)),
        IssueForm.of(type),
        FieldErrors.none(),
        model);
    return "report/issue :: fields";
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
    if (officer) {
      issueForm(all, form, errors, model);
    }
    return LIST;
  }

  /**
   * What the issue form shows: its kinds, and for its kind the subjects to choose from (bonds,
   * assets with an active model, portfolios) and the standing reports of that kind by subject,
   * which a correction may replace.
   */
  private void issueForm(List<StoredReport> all, IssueForm form, FieldErrors errors, Model model) {
    model.addAttribute("kinds", KINDS);
    model.addAttribute("bonds", bonds.list());
    model.addAttribute("models", models.list());
    model.addAttribute("portfolios", List.of(PnlStatements.ALL_ASSETS));
    model.addAttribute(
        "standing",
        form.kind()
            .map(
                kind ->
                    all.stream()
                        .filter(r -> r.replacedBy().isEmpty() && kind.includes(r))
                        .collect(
                            Collectors.groupingBy(
                                StoredReport::subject, TreeMap::new, Collectors.toList())))
            .orElseGet(TreeMap::new));
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("general", errors.general(IssueForm.FIELDS));
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
