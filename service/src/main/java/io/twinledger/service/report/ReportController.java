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
import jakarta.annotation.security.RolesAllowed;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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
      summary = "Issue a bond's compliance report, or an asset's P&L statement, over a period",
      description =
          "Computes every figure from the proven KPI periods and the bond's logged terms (or, with"
              + " type pnl-statement, the asset's logged cash-flow model), signs the report as the"
              + " issuing organisation, records it with the report contract and logs it in the"
              + " audit log. A correction names the report it replaces and why.")
  @Refusal(status = 409, description = REPORT_REFUSED)
  @Refusal(
      status = 422,
      description =
          "report-refused: no proven determination decides a payment in the period; the asset has"
              + " no model, or a month's KPI periods are not proven; or a figure cannot be computed"
              + " from what the log holds")
  public ResponseEntity<ReportBodies.Summary> issue(
      @RequestBody ReportBodies.Issue body, Authentication user) {
    StoredReport issued =
        reports.issue(
            new ComplianceReports.Request(
                subject(body),
                date("from", body.from()),
                date("to", body.to()),
                Optional.ofNullable(body.replaces()).filter(r -> !r.isBlank()),
                Optional.ofNullable(body.reason())),
            user.getName());
    return ResponseEntity.status(HttpStatus.CREATED)
        .header(HttpHeaders.LOCATION, "/api/v1/reports/" + issued.reportId())
        .body(ReportBodies.Summary.of(issued));
  }

  @GetMapping
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.TRUSTEE})
  @Operation(summary = "The issued reports, newest first, of one subject when given")
  public List<ReportBodies.Summary> list(@RequestParam(required = false) String subject) {
    return reports.list(Optional.ofNullable(subject)).stream()
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
              + " nothing. The X-Report-SHA256 header carries the digest.")
  public ResponseEntity<byte[]> report(
      @PathVariable String reportId, @RequestParam(required = false) String format) {
    StoredReport stored = reports.report(reportId);
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
  public ReportBodies.Summary summary(@PathVariable String reportId) {
    return ReportBodies.Summary.of(reports.report(reportId));
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
              + " (verify-report --trusted-block N:HEADERHASH).")
  @Refusal(status = 409, description = REPORT_REFUSED)
  public ResponseEntity<byte[]> bundle(
      @PathVariable String reportId, @RequestParam(required = false) Long since) {
    if (since != null && since < 0) {
      throw new InvalidFieldException("since", "is a block number, at least 0");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"" + reportId + ".bundle.json\"")
        .body(ReportBundleJson.write(reports.bundle(reportId, Optional.ofNullable(since))));
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

  /**
   * A bond's report without a type (its type follows the bond's terms); an asset's P&amp;L with
   * {@code pnl-statement}.
   */
  private static ComplianceReports.Subject subject(ReportBodies.Issue body) {
    if (body.type() == null) {
      return new ComplianceReports.Bond(required("bondId", body.bondId()));
    }
    if (body.type().equals(ReportType.PNL_STATEMENT.label())) {
      return new ComplianceReports.AssetPnl(required("assetId", body.assetId()));
    }
    throw new InvalidFieldException(
        "type",
        "must be "
            + ReportType.PNL_STATEMENT.label()
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
