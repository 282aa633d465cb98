package io.twinledger.service.bond;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an investor holds and was paid: only their own, by the signed-in user's name, which is their
 * holder id in every bond's register.
 */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Me", description = "The signed-in investor's own holdings and payouts")
public class MeController {

  private final Bonds bonds;

  public MeController(Bonds bonds) {
    this.bonds = bonds;
  }

  @GetMapping("/holdings")
  @RolesAllowed(Roles.INVESTOR)
  @Operation(summary = "Your units in each bond, with your share of the units held")
  public List<BondBodies.Position> holdings(Authentication user) {
    return bonds.holdingsOf(user.getName()).stream().map(BondBodies.Position::of).toList();
  }

  @GetMapping("/payouts")
  @RolesAllowed(Roles.INVESTOR)
  @Operation(summary = "What you received of each payment, on each chain, newest first")
  public List<BondBodies.PayoutLine> payouts(Authentication user) {
    return bonds.payoutsOf(user.getName()).stream().map(BondBodies.PayoutLine::of).toList();
  }
}
