package io.twinledger.ledger.bond.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes a bond at maturity, once every declared payment has been paid. */
public record MatureBond(String bondId) {

  @TargetAggregateIdentifier
  public String streamId() {
    return BondStreams.streamId(bondId);
  }
}
