package io.twinledger.ledger.bond.api;

import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces the terms of a bond not yet issued.
 *
 * @param expectedVersion the version the change was made against; refused when stale
 * @param reason why, kept with the version
 */
public record ReviseBond(
    String bondId,
    String terms,
    String termsHash,
    Optional<Integer> expectedVersion,
    String reason) {

  @TargetAggregateIdentifier
  public String streamId() {
    return BondStreams.streamId(bondId);
  }
}
