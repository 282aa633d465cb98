package io.twinledger.service.correction;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.service.openapi.Refusal;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.security.Roles;
import io.twinledger.twin.correction.CorrectionBook;
import io.twinledger.twin.correction.CorrectionRecord;
import io.twinledger.twin.correction.CorrectionStatus;
import jakarta.annotation.security.RolesAllowed;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Corrections of stored readings: operators void or supersede a reading, void a batch, or release a
 * reading the spike rule holds; finance officers approve or reject those that change a period
 * already closed. Nothing stored is deleted; periods close again under a new revision.
 */
@RestController
@RequestMapping("/api/v1/twin/corrections")
@Tag(name = "Twin", description = "Readings from digital twins")
public class CorrectionController {

  private static final String RULE =
      "correction-rule: the request or decision breaks a correction rule (no reason, a value"
          + " where none belongs, the requester deciding, a decided correction)";

  private final Corrections corrections;
  private final CorrectionBook book;

  public CorrectionController(Corrections corrections, CorrectionBook book) {
    this.corrections = corrections;
    this.book = book;
  }

  @PostMapping
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Correct a stored reading or batch",
      description =
          "VOID a reading or a whole batch, SUPERSEDE a reading with a corrected value in its"
              + " stored unit, or RELEASE a reading held for review. The reason is required. A"
              + " correction that changes a closed period waits (status WAITING) until a finance"
              + " officer other than the requester approves it, unless four-eyes is off; otherwise"
              + " it applies at once (APPLIED). Answers 201 with the correction, or 202 with its"
              + " Location while its record is still being written.")
  @Refusal(status = 404, description = "not-found: no such stored reading, batch or asset")
  @Refusal(status = 422, description = RULE)
  public ResponseEntity<?> request(
      @RequestBody CorrectionRequests.Request body, Principal operator) {
    long id = corrections.request(body, operator.getName());
    URI location = URI.create("/api/v1/twin/corrections/" + id);
    return corrections
        .visible(id, Optional.empty())
        .<ResponseEntity<?>>map(c -> ResponseEntity.created(location).body(c))
        .orElseGet(() -> ResponseEntity.accepted().location(location).build());
  }

  @GetMapping
  @RolesAllowed({Roles.OPERATOR, Roles.FINANCE_OFFICER, Roles.AUDITOR})
  @Operation(
      summary = "Corrections, newest first",
      description =
          "All, or those of one status: WAITING (for a decision), APPLIED, REJECTED, or HELD"
              + " (readings the spike rule holds that no later correction has dealt with).")
  public List<CorrectionRecord> list(
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidFieldException("limit", "must be within 1..1000");
    }
    if ("HELD".equals(status)) {
      return book.list(Optional.empty(), true, limit);
    }
    return book.list(Optional.ofNullable(status).map(CorrectionController::status), false, limit);
  }

  @GetMapping("/{correctionId}")
  @RolesAllowed({Roles.OPERATOR, Roles.FINANCE_OFFICER, Roles.AUDITOR})
  @Operation(summary = "One correction")
  public CorrectionRecord get(@PathVariable long correctionId) {
    return book.find(correctionId)
        .orElseThrow(() -> new NotFoundException("no correction " + correctionId));
  }

  @PostMapping("/{correctionId}/approve")
  @RolesAllowed(Roles.FINANCE_OFFICER)
  @Operation(
      summary = "Approve a waiting correction",
      description = "Only someone other than the requester; it applies at once.")
  @Refusal(status = 422, description = RULE)
  public CorrectionRecord approve(
      @PathVariable long correctionId,
      @RequestBody(required = false) CorrectionRequests.Decision body,
      Principal officer) {
    return decide(correctionId, officer, true, body);
  }

  @PostMapping("/{correctionId}/reject")
  @RolesAllowed(Roles.FINANCE_OFFICER)
  @Operation(
      summary = "Reject a waiting correction",
      description = "Only someone other than the requester; the reason is required.")
  @Refusal(status = 422, description = RULE)
  public CorrectionRecord reject(
      @PathVariable long correctionId,
      @RequestBody(required = false) CorrectionRequests.Decision body,
      Principal officer) {
    return decide(correctionId, officer, false, body);
  }

  private CorrectionRecord decide(
      long correctionId, Principal officer, boolean approve, CorrectionRequests.Decision body) {
    corrections.decide(
        correctionId,
        officer.getName(),
        approve,
        Optional.ofNullable(body).map(CorrectionRequests.Decision::reason));
    return corrections
        .visible(correctionId, Optional.of(officer.getName()))
        .orElseThrow(() -> new NotFoundException("no correction " + correctionId));
  }

  private static CorrectionStatus status(String text) {
    try {
      return CorrectionStatus.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(
          "status", "must be WAITING, APPLIED, REJECTED or HELD, was '" + text + "'");
    }
  }
}
