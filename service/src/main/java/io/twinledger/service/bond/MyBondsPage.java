package io.twinledger.service.bond;

import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.bond.projection.Bonds;
import io.twinledger.ledger.bond.projection.HolderPayout;
import io.twinledger.ledger.bond.projection.PaymentView;
import io.twinledger.service.security.Roles;
import io.twinledger.service.web.UiController;
import io.twinledger.service.web.UiPage;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The investor's bonds: only their own holdings and payouts, by the signed-in user's name (their
 * holder id in every register), as {@code /api/v1/me/holdings} and {@code /me/payouts} answer; for
 * each bond held, each feature's KPI against its thresholds with proven badges opening the month's
 * proof; for each payout, the determination behind it with its evidence.
 */
@UiController
public class MyBondsPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Bonds bonds;
  private final BondPerformance performance;
  private final BondProofs proofs;

  public MyBondsPage(Bonds bonds, BondPerformance performance, AssetCatalog assets) {
    this.bonds = bonds;
    this.performance = performance;
    this.proofs = new BondProofs(assets);
  }

  /** A holding, with its share of the units held as a fraction. */
  public record Holding(BondBodies.Position position, BigDecimal share) {}

  /** A payout to the investor, with the determination that decided it (none for a coupon). */
  public record Payout(HolderPayout payout, Optional<BondProofs.Determination> determination) {}

  /** A bond held: each feature with its KPI's periods and each period's proof start. */
  public record Held(String bondId, List<Feature> features) {}

  /**
   * A feature and its periods.
   *
   * @param chartThresholds the thresholds as a chart's {@code data-thresholds}: {@code
   *     [{"name":"tier 1 upper","value":"200"}]}
   */
  public record Feature(
      BondPerformance.Feature feature, List<Point> points, String chartThresholds) {

    /** Whether its periods make one line: a feature of one KPI with a period closed. */
    public boolean charted() {
      return feature.kpis().size() == 1 && !points.isEmpty();
    }
  }

  /** A period of a feature's KPI, with the start its proof page names it by. */
  public record Point(BondPerformance.Point point, Optional<Instant> start) {}

  @GetMapping("/ui/me/bonds")
  @RolesAllowed(Roles.INVESTOR)
  @UiPage(nav = "My bonds", order = 22)
  public String mine(Authentication user, Model model) {
    List<Holding> holdings =
        bonds.holdingsOf(user.getName()).stream()
            .map(BondBodies.Position::of)
            .map(p -> new Holding(p, new BigDecimal(p.share())))
            .toList();
    model.addAttribute("holdings", holdings);
    model.addAttribute(
        "payouts", bonds.payoutsOf(user.getName()).stream().map(this::payout).toList());
    model.addAttribute(
        "held",
        holdings.stream().map(h -> held(h.position().bondId())).flatMap(Optional::stream).toList());
    return "bond/mine";
  }

  private Payout payout(HolderPayout payout) {
    Optional<BondProofs.Determination> determination =
        bonds.payments(payout.bondId()).stream()
            .filter(p -> p.paymentId().equals(payout.paymentId()))
            .findFirst()
            .flatMap(PaymentView::determinationId)
            .flatMap(id -> bonds.determination(payout.bondId(), id))
            .map(proofs::of);
    return new Payout(payout, determination);
  }

  private static String chartThresholds(BondPerformance.Feature feature) {
    return JSON.writeValueAsString(
        feature.thresholds().stream()
            .map(t -> Map.of("name", t.name(), "value", t.value().toPlainString()))
            .toList());
  }

  private Optional<Held> held(String bondId) {
    return bonds
        .find(bondId)
        .map(
            bond ->
                new Held(
                    bondId,
                    performance.of(bond).stream()
                        .map(
                            f ->
                                new Feature(
                                    f,
                                    f.periods().stream()
                                        .map(
                                            p -> new Point(p, proofs.start(f.assetId(), p.month())))
                                        .toList(),
                                    chartThresholds(f)))
                        .toList()));
  }
}
