package io.twinledger.service.bond;

import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.bond.api.PeriodUse;
import io.twinledger.ledger.bond.projection.DeterminationView;
import io.twinledger.service.security.Roles;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the bond pages link a KPI period's proof: the evidence explorer's proof page ({@code
 * /ui/evidence/proof}), which names a monthly period by its start in the asset's time zone, for the
 * roles that page admits.
 */
final class BondProofs {

  /** The roles the proof page admits; others see the period's evidence address as text. */
  static final Set<String> PROOF_ROLES =
      Set.of(Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.OPERATOR, Roles.TRUSTEE);

  private final AssetCatalog assets;

  BondProofs(AssetCatalog assets) {
    this.assets = assets;
  }

  /** A period a determination used, with the start its proof page names it by. */
  public record Period(PeriodUse use, Optional<Instant> start) {}

  /** A determination with its periods' proof addresses. */
  public record Determination(DeterminationView view, List<Period> periods) {

    /** The id of the reason field of its Reject form, unique on a page. */
    public String reasonField() {
      return DeterminationPages.reasonField(view.bondId(), view.determinationId());
    }
  }

  /** Whether a user with {@code roles} may open proof pages. */
  static boolean opensProofs(Set<String> roles) {
    return roles.stream().anyMatch(PROOF_ROLES::contains);
  }

  Determination of(DeterminationView view) {
    return new Determination(
        view,
        view.periods().stream().map(p -> new Period(p, start(p.assetId(), p.month()))).toList());
  }

  /** The start of a monthly period of an asset, in its time zone; empty for an unknown asset. */
  Optional<Instant> start(String assetId, YearMonth month) {
    return assets
        .find(assetId)
        .map(a -> month.atDay(1).atStartOfDay(ZoneId.of(a.timeZone())).toInstant());
  }
}
