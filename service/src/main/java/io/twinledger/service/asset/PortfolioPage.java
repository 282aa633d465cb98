package io.twinledger.service.asset;

import io.twinledger.service.security.Roles;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiPage;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The officer's portfolio: every asset by class, each KPI's latest month against thresholds. */
@UiController
public class PortfolioPage {

  private final KpiStandings standings;

  public PortfolioPage(KpiStandings standings) {
    this.standings = standings;
  }

  @GetMapping("/ui/portfolio")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.AUDITOR})
  @UiPage(nav = "Portfolio", order = 10, homeOf = Roles.FINANCE_OFFICER)
  public String portfolio(Model model) {
    model.addAttribute("classes", standings.byClass());
    return "asset/portfolio";
  }
}
