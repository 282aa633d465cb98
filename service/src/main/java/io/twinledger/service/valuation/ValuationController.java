package io.twinledger.service.valuation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.service.openapi.Refusal;
import io.twinledger.service.problem.Problems;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Valuation runs of an asset's cash-flow model on its measured KPI history. */
@RestController
@RequestMapping("/api/v1/valuations")
@Tag(name = "Valuation", description = "NPV, IRR, payback, DSCR, LLCR, tornado and scenarios")
public class ValuationController {

  private final ValuationRuns runs;

  public ValuationController(ValuationRuns runs) {
    this.runs = runs;
  }

  @PostMapping
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(
      summary = "Value an asset's model on its KPI history",
      description =
          "The monthly net results of the asset's active model (as its P&L statements) are"
              + " discounted with XNPV; the tornado moves each model parameter by"
              + " parameterShock, scenarios override named parameters.")
  @Refusal(status = 422, description = "no-valuation: nothing to value")
  public ValuationView value(@RequestBody ValuationRequest request) {
    return ValuationView.of(runs.value(request));
  }

  @ExceptionHandler(ValuationRuns.NoValuation.class)
  ProblemDetail nothingToValue(ValuationRuns.NoValuation e) {
    return Problems.of(
        HttpStatus.UNPROCESSABLE_CONTENT, "no-valuation", "Nothing to value", e.getMessage());
  }
}
