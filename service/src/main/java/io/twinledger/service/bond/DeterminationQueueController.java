package io.twinledger.service.bond;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Determinations across bonds by status: the trustee's queue is {@code ?status=PROPOSED}. */
@RestController
@RequestMapping("/api/v1/determinations")
@Tag(name = "Bonds")
public class DeterminationQueueController {

  private static final Set<String> STATUSES = Set.of("PROPOSED", "COSIGNED", "REJECTED");

  private final Bonds bonds;

  public DeterminationQueueController(Bonds bonds) {
    this.bonds = bonds;
  }

  @GetMapping
  @RolesAllowed({Roles.TRUSTEE, Roles.FINANCE_OFFICER, Roles.AUDITOR})
  @Operation(summary = "Determinations of every bond in one status, oldest first")
  public List<BondBodies.Determination> list(
      @RequestParam(required = false, defaultValue = "PROPOSED") String status) {
    if (!STATUSES.contains(status)) {
      throw new InvalidFieldException("status", "one of " + STATUSES.stream().sorted().toList());
    }
    return bonds.determinationsIn(status).stream().map(BondBodies.Determination::of).toList();
  }
}
