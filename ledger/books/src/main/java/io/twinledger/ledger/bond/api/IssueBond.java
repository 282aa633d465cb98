package io.twinledger.ledger.bond.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issues a bond: its terms are fixed from now on.
 *
 * @param expectedTermsHash the terms the issuer approved; refused if the bond's differ
 */
public record IssueBond(String bondId, String expectedTermsHash) {

  @TargetAggregateIdentifier
  public String streamId() {
    return BondStreams.streamId(bondId);
  }
}
