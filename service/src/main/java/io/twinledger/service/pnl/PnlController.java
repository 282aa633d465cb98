package io.twinledger.service.pnl;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.reporting.pnl.PnlStatements;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * P&amp;L statements per asset and portfolio, computed by the P&amp;L projection from closed KPI
 * periods, with every line traceable to the KPI periods, reading batches and audit leaves behind
 * it.
 */
@RestController
@RequestMapping("/api/v1/pnl")
@Tag(name = "P&L", description = "Statements with line-level provenance")
public class PnlController {

  private final PnlStatements statements;

  public PnlController(PnlStatements statements) {
    this.statements = statements;
  }

  @GetMapping("/assets/{assetId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(summary = "An asset's statements by MONTH, QUARTER or YEAR, months from..to")
  public PnlViews.AssetPnl asset(
      @PathVariable String assetId,
      @RequestParam(defaultValue = "MONTH") String period,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    PnlQuery query = PnlQuery.parse(period, from, to);
    return PnlViews.AssetPnl.of(statements.asset(assetId, query.kind(), query.from(), query.to()));
  }

  @GetMapping("/assets/{assetId}/lines/{lineId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(
      summary = "Drill down a line over a period (2026-03, 2026-Q1 or 2026)",
      description =
          "The formula and parameters, the exact value per month, every KPI period read with its"
              + " reading batches, audit leaves and evidence bundle, and the line's revisions.")
  public PnlViews.LineDetail line(
      @PathVariable String assetId, @PathVariable String lineId, @RequestParam String period) {
    return PnlViews.LineDetail.of(
        statements.line(assetId, lineId, PnlQuery.period(period, "period")));
  }

  @GetMapping("/assets/{assetId}/revisions")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(summary = "What changed in the asset's monthly P&L, and why")
  public PnlViews.Revisions revisions(
      @PathVariable String assetId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    PnlQuery query = PnlQuery.parse("MONTH", from, to);
    return PnlViews.Revisions.of(assetId, statements.revisions(assetId, query.from(), query.to()));
  }

  @GetMapping("/models/{modelId}/revisions")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(
      summary = "What changed in the monthly P&L of every asset a model computes, and why",
      description =
          "Each revision of an asset's month from..to: its cause (a KPI period closed, or closed"
              + " again by a correction or late readings, or a model change), the KPI period"
              + " revision behind it, and every changed line's exact amount before and after.")
  public PnlViews.ModelRevisions modelRevisions(
      @PathVariable String modelId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    PnlQuery query = PnlQuery.parse("MONTH", from, to);
    return PnlViews.ModelRevisions.of(
        modelId, statements.modelRevisions(modelId, query.from(), query.to()));
  }

  @GetMapping("/portfolio")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @Operation(summary = "The portfolio's statements: the given assets, or every asset with a P&L")
  public PnlViews.PortfolioPnl portfolio(
      @RequestParam(required = false) List<String> assets,
      @RequestParam(defaultValue = "YEAR") String period,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    PnlQuery query = PnlQuery.parse(period, from, to);
    return PnlViews.PortfolioPnl.of(
        statements.portfolio(
            assets == null ? List.of() : assets, query.kind(), query.from(), query.to()));
  }
}
