package io.twinledger.ledger.bond.api;

import java.util.List;

/** A determination was proposed and awaits the trustee. */
public record DeterminationProposed(
    String bondId,
    String determinationId,
    int feature,
    String termsHash,
    String outcome,
    List<PeriodUse> periods,
    CheckpointRef checkpoint,
    List<DecidedPayment> payments) {

  public DeterminationProposed {
    periods = List.copyOf(periods);
    payments = List.copyOf(payments);
  }
}
