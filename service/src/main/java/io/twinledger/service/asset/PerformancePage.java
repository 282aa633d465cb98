package io.twinledger.service.asset;

import io.twinledger.service.security.Roles;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiPage;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The investor's performance: each asset's KPIs with thresholds over their last closed months, each
 * month judged and marked proven when its evidence is complete. For the roles that ask how an asset
 * performs: the investor, the officer and the auditor (the asset API's period reads also admit the
 * operator, who reads them from Operations).
 */
@UiController
public class PerformancePage {

  private final KpiStandings standings;

  public PerformancePage(KpiStandings standings) {
    this.standings = standings;
  }

  @GetMapping("/ui/performance")
  @RolesAllowed({Roles.INVESTOR, Roles.FINANCE_OFFICER, Roles.AUDITOR})
  @UiPage(nav = "Performance", order = 20, homeOf = Roles.INVESTOR)
  public String performance(Model model) {
    model.addAttribute("assets", standings.performance());
    model.addAttribute("months", KpiStandings.MONTHS);
    return "asset/performance";
  }
}
