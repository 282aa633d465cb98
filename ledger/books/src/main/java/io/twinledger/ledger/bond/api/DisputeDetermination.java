package io.twinledger.ledger.bond.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Raises that a KPI period a determination used was revised afterwards.
 *
 * @param revised the period's new revision, with its value
 */
public record DisputeDetermination(String bondId, String determinationId, PeriodUse revised) {

  @TargetAggregateIdentifier
  public String streamId() {
    return BondStreams.streamId(bondId);
  }
}
