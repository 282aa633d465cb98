package io.twinledger.service.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.audit.report.ReportRefusal;
import io.twinledger.reporting.compliance.ReportRefusedException;
import io.twinledger.reporting.evidence.export.EvidenceUnavailableException;
import io.twinledger.reporting.render.ReportCsv;
import io.twinledger.reporting.render.ReportPdf;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportBundleJson;
import io.twinledger.reporting.report.ReportType;
import io.twinledger.service.openapi.Refusal;
import io.twinledger.service.problem.Problems;
import io.twinledger.service.security.Roles;
import io.twinledger.service.web.Navigation;
import jakarta.annotation.security.RolesAllowed;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports", description = "Compliance reports: issued, attested, verified offline")
public class ReportController {

  private static final String REPORT_REFUSED =
      "evidence-unavailable: no ledger, or the report is not anchored yet;"
          + " report-ledger-refused: the report contract refused (its code)";

  /** The header that carries a report's digest with the report and its renderings. */
  static final String SHA256_HEADER = "X-Report-SHA256";

  private final ComplianceReports reports;

  ReportController(ComplianceReports reports) {
    this.reports = reports;
  }

  @PostMapping
  @RolesAllowed(Roles.FINANCE_OFFICER)
  @Operation(
      summary =
          "Issue a bond's compliance report, an asset's or a portfolio's P&L statement, an"
              + " investor's statement or the village's community energy report",
      description =
          "Computes every figure from the proven KPI periods and the bond's logged terms (with type"
              + " pnl-statement, the asset's logged cash-flow model; with portfolio-pnl-statement,"
              + " those of every asset with a P&L in the period, and the portfolio's net income per"
              + " currency; with investor-statement, the holder's payouts and the logged register"
              + " of holders; with community-energy, the market slots the energy channel cleared"
              + " in the month), signs the report as the issuing organisation, records it with the"
              + " report contract and logs it in the audit log. A correction names the report it"
              + " replaces and why.")
  @Refusal(
      status = 404,
      description = "not-found: no such bond, asset or portfolio, or no such report to replace")
  @Refusal(status = 409, description = REPORT_REFUSED)
  @Refusal(
      status = 422,
      description =
          "report-refused: no proven determination decides a payment in the period; the asset has"
              + " no model, or a month's KPI periods are not proven; no asset of the portfolio has"
              + " a P&L in the period, or one of its assets is refused so; the holder was paid"
              + " nothing in the period; the market cleared no slot in the month, or there is no"
              + " market; or a figure cannot be computed from what the log holds")
  public ResponseEntity<ReportBodies.Summary> issue(
      @RequestBody ReportBodies.Issue body, Authentication user) {
    ComplianceReports.Subject subject = subject(body);
    LocalDate from;
    LocalDate to;
    if (subject instanceof ComplianceReports.Village village) {
      from = village.month().atDay(1);
      to = village.month().plusMonths(1).atDay(1);
    } else {
      from = date("from", body.from());
      to = date("to", body.to());
    }
    StoredReport issued =
        reports.issue(
            new ComplianceReports.Request(
                subject,
                from,
                to,
                Optional.ofNullable(body.replaces()).filter(r -> !r.isBlank()),
                Optional.ofNullable(body.reason())),
            user.getName());
    return ResponseEntity.status(HttpStatus.CREATED)
        .header(HttpHeaders.LOCATION, "/api/v1/reports/" + issued.reportId())
        .body(ReportBodies.Summary.of(issued));
  }

  @GetMapping
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  @Operation(
      summary = "The issued reports, newest first, of one subject when given",
      description = "An investor sees no other investor's statements.")
  public List<ReportBodies.Summary> list(
      @RequestParam(required = false) String subject, Authentication user) {
    return reports.list(Optional.ofNullable(subject), reader(user)).stream()
        .map(ReportBodies.Summary::of)
        .toList();
  }

  @GetMapping("/{reportId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  @Operation(
      summary = "A report: its canonical JSON, or a rendering",
      description =
          "Without format, the canonical JSON (twinledger-report/v1) whose SHA-256 was signed and"
              + " logged, byte for byte; format=pdf or csv, a rendering of it that computes"
              + " nothing. The X-Report-SHA256 header carries the digest. An investor statement"
              + " is read only by its holder, the finance officer, the auditor and the trustee.")
  @Refusal(status = 404, description = "not-found: no such report, or another investor's statement")
  public ResponseEntity<byte[]> report(
      @PathVariable String reportId,
      @RequestParam(required = false) String format,
      Authentication user) {
    StoredReport stored = reports.report(reportId, reader(user));
    String chosen = Optional.ofNullable(format).orElse("json");
    return switch (chosen) {
      case "json" ->
          ResponseEntity.ok()
              .contentType(MediaType.APPLICATION_JSON)
              .header(SHA256_HEADER, stored.sha256())
              .body(stored.document());
      case "pdf" -> {
        Report report = reports.document(stored);
        yield ResponseEntity.ok()
            .contentType(MediaType.APPLICATION_PDF)
            .header(SHA256_HEADER, stored.sha256())
            .header(HttpHeaders.CONTENT_DISPOSITION, inline(ReportPdf.fileName(report)))
            .body(ReportPdf.write(report));
      }
      case "csv" -> {
        Report report = reports.document(stored);
        yield ResponseEntity.ok()
            .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
            .header(SHA256_HEADER, stored.sha256())
            .header(
                HttpHeaders.CONTENT_DISPOSITION,
                "attachment; " + fileName(ReportCsv.fileName(report)))
            .body(ReportCsv.write(report));
      }
      default ->
          throw new InvalidFieldException("format", "must be json, pdf or csv, was " + chosen);
    };
  }

  @GetMapping("/{reportId}/summary")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  @Operation(summary = "A report's standing: digest, ledger transaction, attestations")
  @Refusal(status = 404, description = "not-found: no such report, or another investor's statement")
  public ReportBodies.Summary summary(@PathVariable String reportId, Authentication user) {
    return ReportBodies.Summary.of(reports.report(reportId, reader(user)));
  }

  @GetMapping("/{reportId}/bundle")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  @Operation(
      summary = "The report's bundle for ./twinledger verify-report",
      description =
          "The report, the issuer's signature, the issuing event, every input's raw data as stored"
              + " now, one multi-leaf proof, the anchored checkpoint with its witnessed note, and"
              + " the blocks of the report's issue and attestations (twinledger-report-bundle/v2)."
              + " With since=N, the block headers start after block N, which the verifier trusts"
              + " (verify-report --trusted-block N:HEADERHASH). An investor statement's bundle"
              + " carries the bond's whole register: only its holder, the finance officer, the"
              + " auditor and the trustee read it.")
  @Refusal(status = 404, description = "not-found: no such report, or another investor's statement")
  @Refusal(status = 409, description = REPORT_REFUSED)
  public ResponseEntity<byte[]> bundle(
      @PathVariable String reportId,
      @RequestParam(required = false) Long since,
      Authentication user) {
    if (since != null && since < 0) {
      throw new InvalidFieldException("since", "is a block number, at least 0");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"" + reportId + ".bundle.json\"")
        .body(
            ReportBundleJson.write(
                reports.bundle(reportId, Optional.ofNullable(since), reader(user))));
  }

  @PostMapping("/{reportId}/attestations")
  @RolesAllowed(Roles.AUDITOR)
  @Operation(
      summary = "Attest a report as the independent auditor: approve, or qualify with comments",
      description =
          "Submitted to the report contract with the auditor organisation's identity; the digest"
              + " attested is the one issued. One attestation per auditor organisation.")
  @Refusal(status = 409, description = REPORT_REFUSED)
  public ReportBodies.Summary attest(
      @PathVariable String reportId, @RequestBody ReportBodies.Attest body, Authentication user) {
    if (body.verdict() == null) {
      throw new InvalidFieldException("verdict", "is required: APPROVED or QUALIFIED");
    }
    return ReportBodies.Summary.of(
        reports.attest(
            reportId,
            body.verdict(),
            Optional.ofNullable(body.comments()).orElse(""),
            user.getName()));
  }

  @ExceptionHandler(ReportRefusedException.class)
  ProblemDetail refused(ReportRefusedException e) {
    return Problems.of(
        HttpStatus.UNPROCESSABLE_ENTITY, "report-refused", "Report refused", e.getMessage());
  }

  @ExceptionHandler(EvidenceUnavailableException.class)
  ProblemDetail unavailable(EvidenceUnavailableException e) {
    return Problems.of(
        HttpStatus.CONFLICT, "evidence-unavailable", "Evidence unavailable", e.getMessage());
  }

  @ExceptionHandler(ReportRefusal.class)
  ProblemDetail ledgerRefused(ReportRefusal e) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.CONFLICT,
            "report-ledger-refused",
            "Refused by the report contract",
            e.getMessage());
    problem.setProperty("code", e.code());
    return problem;
  }

  private static String inline(String name) {
    return "inline; " + fileName(name);
  }

  private static String fileName(String name) {
    return "filename=\"" + name + "\"";
  }

  /** The signed-in user as the reports see them. */
  static ComplianceReports.Reader reader(Authentication user) {
    return new ComplianceReports.Reader(user.getName(), Navigation.roles(user));
  }

  /**
   * A bond's report without a type (its type follows the bond's terms); an asset's P&amp;L with
   * {@code pnl-statement}; a portfolio's with {@code portfolio-pnl-statement}; a holder's statement
   * with {@code investor-statement}; the village's month with {@code community-energy}.
   */
  private static ComplianceReports.Subject subject(ReportBodies.Issue body) {
    if (body.type() == null) {
      return new ComplianceReports.Bond(required("bondId", body.bondId()));
    }
    if (body.type().equals(ReportType.PNL_STATEMENT.label())) {
      return new ComplianceReports.AssetPnl(required("assetId", body.assetId()));
    }
    if (body.type().equals(ReportType.PORTFOLIO_PNL_STATEMENT.label())) {
      return new ComplianceReports.Portfolio(required("portfolioId", body.portfolioId()));
    }
    if (body.type().equals(ReportType.INVESTOR_STATEMENT.label())) {
      return new ComplianceReports.Investor(required("holder", body.holder()));
    }
    if (body.type().equals(ReportType.COMMUNITY_ENERGY.label())) {
      String month = required("month", body.month());
      try {
        return new ComplianceReports.Village(YearMonth.parse(month));
      } catch (DateTimeParseException e) {
        throw new InvalidFieldException("month", "must be a month YYYY-MM, was " + month);
      }
    }
    throw new InvalidFieldException(
        "type",
        "must be "
            + ReportType.PNL_STATEMENT.label()
            + ", "
            + ReportType.PORTFOLIO_PNL_STATEMENT.label()
            + ", "
            + ReportType.INVESTOR_STATEMENT.label()
            + " or "
            + ReportType.COMMUNITY_ENERGY.label()
            + ", or absent for a bond's report, was "
            + body.type());
  }

  private static String required(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidFieldException(field, "is required");
    }
    return text;
  }

  private static LocalDate date(String field, String text) {
    if (text == null) {
      throw new InvalidFieldException(field, "is required, as YYYY-MM-DD");
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(field, "must be a date YYYY-MM-DD, was " + text);
    }
  }
}
