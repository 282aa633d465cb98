package io.twinledger.service.market;

import io.twinledger.service.security.Roles;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiPage;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The resident's home. Until the village energy market exists it says plainly what is coming; the
 * market's pages will take its place.
 */
@UiController
public class VillagePage {

  @GetMapping("/ui/village")
  @RolesAllowed(Roles.RESIDENT)
  @UiPage(nav = "My village", order = 90, homeOf = Roles.RESIDENT)
  public String village() {
    return "market/village";
  }
}
