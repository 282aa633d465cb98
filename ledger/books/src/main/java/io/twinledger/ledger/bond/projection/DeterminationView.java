package io.twinledger.ledger.bond.projection;

import io.twinledger.ledger.bond.api.CheckpointRef;
import io.twinledger.ledger.bond.api.DecidedPayment;
import io.twinledger.ledger.bond.api.PeriodUse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A determination with its evidence: the periods it used (revisions, values, audit leaves), the
 * anchored checkpoint covering them, and the payments it decided.
 *
 * @param status {@code PROPOSED}, {@code COSIGNED} or {@code REJECTED}
 * @param disputes each later revision of a period it used, as {@code used} and {@code revised}
 */
public record DeterminationView(
    String bondId,
    String determinationId,
    int feature,
    String termsHash,
    String outcome,
    List<PeriodUse> periods,
    CheckpointRef checkpoint,
    List<DecidedPayment> payments,
    String status,
    Optional<String> trustee,
    Optional<String> reason,
    List<Dispute> disputes,
    Instant proposedAt,
    Optional<Instant> decidedAt) {

  /** A period the determination used, and its later revision. */
  public record Dispute(PeriodUse used, PeriodUse revised) {}

  public DeterminationView {
    periods = List.copyOf(periods);
    payments = List.copyOf(payments);
    disputes = List.copyOf(disputes);
  }
}
