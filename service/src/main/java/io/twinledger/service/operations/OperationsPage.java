package io.twinledger.service.operations;

import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.service.audit.LedgerStatus;
import io.twinledger.service.risk.RiskQueue;
import io.twinledger.service.scheduling.ScheduledJobs;
import io.twinledger.service.security.Roles;
import io.twinledger.service.twin.IngestionOverview;
import io.twinledger.service.twin.KpiPeriodJob;
import io.twinledger.service.twin.TwinSubscriptions;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiFragment;
import io.twinledger.service.web.UiPage;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator's home: is the data flowing, and is the ledger healthy? Ingestion by source, the
 * subscriptions feeding it, the audit log and its anchoring, and the jobs. The ingestion section
 * and the readings of the asset watched are fetched again as readings arrive; the page itself reads
 * whole without JavaScript.
 *
 * <p>For operators only: the ingestion endpoints, the subscriptions and the alarm's acknowledgement
 * are theirs. Of the risk jobs it shows counts only, which name no asset.
 */
@UiController
public class OperationsPage {

  private final IngestionOverview ingestion;
  private final TwinSubscriptions subscriptions;
  private final LedgerStatus ledger;
  private final RiskQueue risk;
  private final KpiPeriodJob periods;
  private final ScheduledJobs scheduled;
  private final AssetCatalog assets;

  public OperationsPage(
      IngestionOverview ingestion,
      TwinSubscriptions subscriptions,
      LedgerStatus ledger,
      RiskQueue risk,
      KpiPeriodJob periods,
      ScheduledJobs scheduled,
      AssetCatalog assets) {
    this.ingestion = ingestion;
    this.subscriptions = subscriptions;
    this.ledger = ledger;
    this.risk = risk;
    this.periods = periods;
    this.scheduled = scheduled;
    this.assets = assets;
  }

  /**
   * The page; {@code asset} picks the asset whose readings are watched, which must be registered.
   */
  @GetMapping("/ui/operations")
  @RolesAllowed(Roles.OPERATOR)
  @UiPage(nav = "Operations", order = 80, homeOf = Roles.OPERATOR)
  public String operations(@RequestParam(required = false) String asset, Model model) {
    var registered = assets.list(Optional.empty());
    model.addAttribute("ingestion", ingestion.now());
    model.addAttribute("subscriptions", subscriptions.now());
    model.addAttribute("ledger", ledger.now());
    model.addAttribute("risk", risk.now());
    model.addAttribute("periods", periods.progress());
    model.addAttribute("scheduled", scheduled.all());
    model.addAttribute("assets", registered);
    model.addAttribute(
        "watched",
        Optional.ofNullable(asset)
            .filter(id -> registered.stream().anyMatch(a -> a.assetId().equals(id))));
    return "operations/operations";
  }

  /** The ingestion section alone, fetched again when readings arrive. */
  @GetMapping("/ui/operations/ingestion")
  @UiFragment
  @RolesAllowed(Roles.OPERATOR)
  public String ingestion(Model model) {
    model.addAttribute("ingestion", ingestion.now());
    return "operations/operations :: ingestion";
  }

  /** The jobs section alone, fetched again when periods close. */
  @GetMapping("/ui/operations/jobs")
  @UiFragment
  @RolesAllowed(Roles.OPERATOR)
  public String jobs(Model model) {
    model.addAttribute("risk", risk.now());
    model.addAttribute("periods", periods.progress());
    model.addAttribute("scheduled", scheduled.all());
    return "operations/operations :: jobs";
  }
}
