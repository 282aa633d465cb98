package io.twinledger.ledger.bond.projection;

import io.twinledger.ledger.bond.api.CheckpointRef;
import io.twinledger.ledger.bond.api.DecidedPayment;
import io.twinledger.ledger.bond.api.PeriodUse;
import java.time.Instant;
import java.time.LocalDate;
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

  /**
   * The dates the determination decides for, where a report over a period finds it: its payments'
   * dates, or, when it pays nothing (an SLB target met or missed, whose coupons the schedule pays;
   * an outcome in no tier), the first day of each month it observed.
   */
  public List<LocalDate> decidedFor() {
    return payments.isEmpty()
        ? periods.stream().map(p -> p.month().atDay(1)).distinct().toList()
        : payments.stream().map(DecidedPayment::date).toList();
  }
}
