package io.twinledger.ledger.bond.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The trustee co-signs a proposed determination.
 *
 * @param trustee the trustee user who signs
 */
public record CosignDetermination(String bondId, String determinationId, String trustee) {

  @TargetAggregateIdentifier
  public String streamId() {
    return BondStreams.streamId(bondId);
  }
}
