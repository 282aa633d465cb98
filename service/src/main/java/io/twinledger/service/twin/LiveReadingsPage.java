package io.twinledger.service.twin;

import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.security.Roles;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiFragment;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The live readings panel's table, fetched again whenever the asset's readings arrive ({@link
 * LiveReadings}). Its roles are those of the readings API.
 */
@UiController
public class LiveReadingsPage {

  private final LatestReadings latest;

  public LiveReadingsPage(LatestReadings latest) {
    this.latest = latest;
  }

  @GetMapping("/ui/live/assets/{assetId}/readings")
  @UiFragment
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.OPERATOR})
  public String readings(@PathVariable String assetId, Model model) {
    model.addAttribute(
        "view",
        latest
            .of(assetId)
            .orElseThrow(() -> new NotFoundException("no asset " + assetId + " is registered")));
    return "twin/live :: table";
  }
}
