package io.twinledger.ledger.bond;

import io.twinledger.finance.bond.terms.AvailabilityPayment;
import io.twinledger.finance.bond.terms.BondTerms;
import io.twinledger.finance.bond.terms.BondTermsDocuments;
import io.twinledger.finance.bond.terms.InvalidBondTermsException;
import io.twinledger.finance.bond.terms.PerformanceFeature;
import io.twinledger.finance.bond.terms.TermsError;
import io.twinledger.ledger.asset.api.KpiDefinition;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetView;
import io.twinledger.ledger.bond.api.BondRuleViolation;
import io.twinledger.ledger.bond.api.DefineBond;
import io.twinledger.ledger.bond.api.IssueBond;
import io.twinledger.ledger.bond.api.ReviseBond;
import io.twinledger.ledger.bond.projection.BondView;
import io.twinledger.ledger.bond.projection.Bonds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;

/**
 * The register of bonds: checks terms against the asset register, then records them.
 *
 * <p>The terms document is read and checked by {@link BondTermsDocuments} (shape, dates, tiers,
 * amounts). Here every performance feature must name an asset of the register, and each KPI it
 * reads must be defined on that asset, because a determination can only ever read that asset's
 * proven periods. Nothing is recorded unless every check passes. Error paths are those of the terms
 * document: {@code features[1].asset}, {@code features[2].deductions[0].kpi}.
 */
public class BondRegistry {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  private final CommandGateway commands;
  private final AssetCatalog assets;
  private final Bonds bonds;

  public BondRegistry(CommandGateway commands, AssetCatalog assets, Bonds bonds) {
    this.commands = commands;
    this.assets = assets;
    this.bonds = bonds;
  }

  /** Every reason the terms cannot be recorded, empty when they can. */
  public List<TermsError> check(BondTerms terms) {
    List<TermsError> errors = new ArrayList<>();
    if (!ID.matcher(terms.id()).matches()) {
      errors.add(
          new TermsError(
              "id",
              "'"
                  + terms.id()
                  + "' is not a bond id: lower case letters, digits, '_', '.' or '-'"));
    }
    for (int i = 0; i < terms.features().size(); i++) {
      PerformanceFeature feature = terms.features().get(i);
      String path = "features[" + i + "]";
      Optional<String> assetId = feature.asset();
      if (assetId.isEmpty()) {
        errors.add(
            new TermsError(
                path + ".asset", "name the asset of the register whose KPI the feature reads"));
        continue;
      }
      Optional<AssetView> asset = assets.find(assetId.get());
      if (asset.isEmpty()) {
        errors.add(new TermsError(path + ".asset", "no asset with id '" + assetId.get() + "'"));
        continue;
      }
      List<String> kpis = feature.kpis();
      for (int k = 0; k < kpis.size(); k++) {
        String kpi = kpis.get(k);
        boolean defined =
            asset.get().kpis().stream().map(KpiDefinition::kpiId).anyMatch(kpi::equals);
        if (!defined) {
          String kpiPath =
              feature instanceof AvailabilityPayment
                  ? path + ".deductions[" + k + "].kpi"
                  : path + ".kpi";
          errors.add(
              new TermsError(kpiPath, "asset " + assetId.get() + " has no KPI '" + kpi + "'"));
        }
      }
    }
    return List.copyOf(errors);
  }

  /**
   * Defines a bond, at version 1.
   *
   * @throws InvalidBondTermsException if {@link #check} finds anything
   * @throws BondRuleViolation if a bond with the id exists
   */
  public int define(BondTerms terms) {
    if (bonds.find(terms.id()).isPresent()) {
      throw taken(terms.id());
    }
    requireValid(terms);
    try {
      commands.sendAndWait(
          new DefineBond(
              terms.id(),
              BondTermsDocuments.canonicalJson(terms),
              BondTermsDocuments.termsHash(terms)));
    } catch (AggregateStreamCreationException e) {
      throw taken(terms.id());
    }
    return 1;
  }

  /**
   * Revises a bond's terms before issue.
   *
   * @throws BondNotFoundException if there is no such bond
   * @return the version after the revision; unchanged when the terms are the same
   */
  public int revise(
      String bondId, BondTerms terms, Optional<Integer> expectedVersion, String reason) {
    BondView bond = existing(bondId);
    if (!terms.id().equals(bondId)) {
      throw new InvalidBondTermsException(
          List.of(
              new TermsError(
                  "id", "'" + terms.id() + "' differs from the bond id '" + bondId + "'")));
    }
    requireValid(terms);
    Integer version =
        commands.sendAndWait(
            new ReviseBond(
                bond.bondId(),
                BondTermsDocuments.canonicalJson(terms),
                BondTermsDocuments.termsHash(terms),
                expectedVersion,
                reason));
    return version;
  }

  /**
   * Issues a bond with the terms the issuer approved.
   *
   * @param expectedTermsHash the hash of the terms approved; the current terms' when empty
   * @return the version of the terms issued
   */
  public int issue(String bondId, Optional<String> expectedTermsHash) {
    BondView bond = existing(bondId);
    Integer version =
        commands.sendAndWait(new IssueBond(bondId, expectedTermsHash.orElse(bond.termsHash())));
    return version;
  }

  private BondView existing(String bondId) {
    return bonds.find(bondId).orElseThrow(() -> new BondNotFoundException(bondId));
  }

  private void requireValid(BondTerms terms) {
    List<TermsError> errors = check(terms);
    if (!errors.isEmpty()) {
      throw new InvalidBondTermsException(errors);
    }
  }

  private static BondRuleViolation taken(String bondId) {
    return new BondRuleViolation("id", "a bond with id '" + bondId + "' exists");
  }
}
