package io.twinledger.service.evidence;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.reporting.evidence.EvidenceBundle;
import io.twinledger.reporting.evidence.EvidenceJson;
import io.twinledger.reporting.evidence.export.EvidenceExport;
import io.twinledger.reporting.evidence.export.EvidenceUnavailableException;
import io.twinledger.reporting.evidence.export.PeriodKey;
import io.twinledger.service.openapi.Refusal;
import io.twinledger.service.problem.Problems;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Evidence bundles ({@value EvidenceBundle#FORMAT}) of KPI periods, for offline verification. */
@RestController
@RequestMapping("/api/v1/evidence")
@Tag(name = "Evidence", description = "Self-contained evidence bundles for offline verification")
public class EvidenceController {

  private final EvidenceExport export;

  public EvidenceController(EvidenceExport export) {
    this.export = export;
  }

  @GetMapping(value = "/kpi-periods", produces = MediaType.APPLICATION_JSON_VALUE)
  @RolesAllowed({Roles.AUDITOR, Roles.OPERATOR, Roles.FINANCE_OFFICER})
  @Operation(
      summary = "The evidence bundle of one KPI period",
      description =
          "The period (latest revision unless revision is given), its KpiPeriodClosed event, its"
              + " reading batches with their readings, inclusion proofs against the latest"
              + " anchored checkpoint, the anchoring block with the headers back to block 0 and"
              + " the channel members' CA certificates. Check it with ./twinledger verify.")
  @Refusal(
      status = 409,
      description = "evidence-unavailable: the period's evidence cannot be assembled")
  public ResponseEntity<byte[]> kpiPeriod(
      @RequestParam(required = false) String assetId,
      @RequestParam(required = false) String kpiId,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String start,
      @RequestParam(required = false) String revision) {
    PeriodKey key = EvidenceRequests.key(assetId, kpiId, kind, start, revision);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(EvidenceJson.write(export.export(key)));
  }

  @ExceptionHandler(EvidenceUnavailableException.class)
  ProblemDetail unavailable(EvidenceUnavailableException e) {
    return problem(e);
  }

  /** The problem of a bundle that cannot be exported now: 409 evidence-unavailable. */
  static ProblemDetail problem(EvidenceUnavailableException e) {
    return Problems.of(
        HttpStatus.CONFLICT, "evidence-unavailable", "Evidence unavailable", e.getMessage());
  }
}
