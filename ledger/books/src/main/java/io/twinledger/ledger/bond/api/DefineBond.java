package io.twinledger.ledger.bond.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Defines a bond from its terms. The terms must already have passed the registry's checks (the
 * document, and its assets and KPIs against the register); the bond is recorded as version 1, not
 * yet issued.
 *
 * @param bondId the bond's id, equal to the terms' id
 * @param terms the terms as canonical JSON
 * @param termsHash hex SHA-256 of {@code terms}
 */
public record DefineBond(String bondId, String terms, String termsHash) {

  @TargetAggregateIdentifier
  public String streamId() {
    return BondStreams.streamId(bondId);
  }
}
