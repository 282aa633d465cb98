package io.twinledger.ledger.bond.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The trustee refuses a proposed determination, saying why. */
public record RejectDetermination(
    String bondId, String determinationId, String trustee, String reason) {

  @TargetAggregateIdentifier
  public String streamId() {
    return BondStreams.streamId(bondId);
  }
}
