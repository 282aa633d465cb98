package io.twinledger.service.pnl;

import io.twinledger.finance.pnl.PeriodKind;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetView;
import io.twinledger.reporting.UnknownSubjectException;
import io.twinledger.reporting.pnl.AssetStatements;
import io.twinledger.reporting.pnl.PnlStatements;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.security.Roles;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiPage;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * P&amp;L pages: the portfolio's, an asset's by month, quarter or year, and one line's drill-down
 * to the KPI periods, reading batches and proof behind it, with the line's revisions and their
 * causes. Everything comes from {@link PnlStatements}, as the API's does; the query parameters are
 * checked by the API's {@link PnlQuery}.
 */
@UiController
public class PnlPages {

  private final PnlStatements statements;
  private final AssetCatalog catalog;

  public PnlPages(PnlStatements statements, AssetCatalog catalog) {
    this.statements = statements;
    this.catalog = catalog;
  }

  /** The portfolio of every asset with a P&amp;L; before any has one, the page says so. */
  @GetMapping("/ui/pnl")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  @UiPage(nav = "P&L", order = 30)
  public String portfolio(@RequestParam(defaultValue = "QUARTER") String period, Model model) {
    PnlQuery query = PnlQuery.parse(period, null, null);
    model.addAttribute("kind", query.kind());
    model.addAttribute("kinds", PeriodKind.values());
    model.addAttribute(
        "names",
        catalog.list(Optional.empty()).stream()
            .collect(Collectors.toMap(AssetView::assetId, AssetView::name)));
    try {
      model.addAttribute(
          "portfolio", statements.portfolio(List.of(), query.kind(), query.from(), query.to()));
    } catch (UnknownSubjectException e) {
      // Not a missing page: the portfolio exists, it has nothing to show yet.
      model.addAttribute("none", e.getMessage());
    }
    return "pnl/portfolio";
  }

  @GetMapping("/ui/pnl/assets/{assetId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  public String asset(
      @PathVariable String assetId,
      @RequestParam(defaultValue = "MONTH") String period,
      Model model) {
    AssetView asset = find(assetId);
    PnlQuery query = PnlQuery.parse(period, null, null);
    AssetStatements pnl = statements.asset(assetId, query.kind(), query.from(), query.to());
    model.addAttribute("asset", asset);
    model.addAttribute("kind", query.kind());
    model.addAttribute("kinds", PeriodKind.values());
    model.addAttribute("pnl", pnl);
    model.addAttribute("table", PnlTable.of(pnl.statements()));
    model.addAttribute(
        "revisions", statements.revisions(assetId, PnlStatements.EARLIEST, PnlStatements.LATEST));
    return "pnl/asset";
  }

  /**
   * One line over one period ({@code 2026-03}, {@code 2026-Q1} or {@code 2026}); without a period,
   * the asset's statements, where each amount links here with its period.
   */
  @GetMapping("/ui/pnl/assets/{assetId}/lines/{lineId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR})
  public String line(
      @PathVariable String assetId,
      @PathVariable String lineId,
      @RequestParam(required = false) String period,
      Model model) {
    AssetView asset = find(assetId);
    if (period == null) {
      return "redirect:/ui/pnl/assets/" + assetId;
    }
    model.addAttribute("asset", asset);
    model.addAttribute("line", statements.line(assetId, lineId, PnlQuery.period(period, "period")));
    return "pnl/line";
  }

  private AssetView find(String assetId) {
    return catalog.find(assetId).orElseThrow(() -> new NotFoundException("no asset " + assetId));
  }
}
