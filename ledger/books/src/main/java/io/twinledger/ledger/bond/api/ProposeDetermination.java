package io.twinledger.ledger.bond.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Proposes the determination of one performance feature for one observation, decided from proven
 * KPI periods alone. It takes effect when the trustee co-signs.
 *
 * @param determinationId unique in the bond, such as {@code f0-2021-04}
 * @param feature the feature's index in the terms
 * @param outcome what the rule found, in words (including "no payment")
 * @param periods the KPI periods used, with revisions and audit leaves
 * @param checkpoint the anchored checkpoint covering every leaf used
 * @param payments the payments decided; may be empty
 */
public record ProposeDetermination(
    String bondId,
    String determinationId,
    int feature,
    String outcome,
    List<PeriodUse> periods,
    CheckpointRef checkpoint,
    List<DecidedPayment> payments) {

  public ProposeDetermination {
    periods = List.copyOf(periods);
    payments = List.copyOf(payments);
  }

  @TargetAggregateIdentifier
  public String streamId() {
    return BondStreams.streamId(bondId);
  }
}
