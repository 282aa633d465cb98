package io.twinledger.twin.correction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A correction as the twin adapter keeps it for period closes and lists.
 *
 * @param batchDigest lower-case hex SHA-256 of the batch the reading or batch is in
 * @param reading the corrected reading's key, KPI and asset; empty when the whole batch is voided
 * @param value the superseding value in the KPI's unit, for {@link ReadingAction#SUPERSEDE}
 * @param closedPeriods the closed periods it changes, as labels, when it was requested
 * @param decidedBy who approved or rejected it, when someone had to
 * @param quarantineId for a resubmission, the quarantine entry it fixed
 */
public record CorrectionRecord(
    long correctionId,
    ReadingAction action,
    CorrectionStatus status,
    long batchId,
    String batchDigest,
    Optional<TargetReading> reading,
    Optional<BigDecimal> value,
    String reason,
    String requestedBy,
    Instant requestedAt,
    List<String> closedPeriods,
    Optional<String> decidedBy,
    Optional<Instant> decidedAt,
    Optional<String> decisionReason,
    Optional<Long> quarantineId) {

  public CorrectionRecord {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(status, "status");
    reading = reading == null ? Optional.empty() : reading;
    value = value == null ? Optional.empty() : value;
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(requestedAt, "requestedAt");
    closedPeriods = List.copyOf(closedPeriods);
    decidedBy = decidedBy == null ? Optional.empty() : decidedBy;
    decidedAt = decidedAt == null ? Optional.empty() : decidedAt;
    decisionReason = decisionReason == null ? Optional.empty() : decisionReason;
    quarantineId = quarantineId == null ? Optional.empty() : quarantineId;
  }

  /**
   * The cause a period revised by a correction records: {@code correction <id> by <user>:
   * <reason>}. The verifier reads the number back from it.
   */
  public static String cause(long correctionId, String requestedBy, String reason) {
    return "correction " + correctionId + " by " + requestedBy + ": " + reason;
  }
}
