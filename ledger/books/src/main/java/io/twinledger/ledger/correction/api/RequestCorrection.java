package io.twinledger.ledger.correction.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks for a correction of a stored reading or batch. Nothing stored is changed: the correction is
 * recorded next to the original, and periods are closed again under a new revision once it applies.
 *
 * @param correctionId the number the service drew for it, shown as {@code correction <id>}
 * @param value the corrected value, in the reading's unit; only for {@link
 *     CorrectionAction#SUPERSEDE}
 * @param reason why, in the requester's words; required
 * @param requestedBy the user name, or {@code spike-rule} for a hold
 * @param closedPeriods labels of the periods already closed that the correction would change, such
 *     as {@code nrw MONTH 2026-11}; the service reads them from the period book
 * @param fourEyes whether a correction of a closed period needs another person's approval
 * @param quarantineId for {@link CorrectionAction#RESUBMIT}, the quarantine entry fixed
 */
public record RequestCorrection(
    long correctionId,
    CorrectionTarget target,
    CorrectionAction action,
    Optional<BigDecimal> value,
    String reason,
    String requestedBy,
    List<String> closedPeriods,
    boolean fourEyes,
    Optional<Long> quarantineId) {

  public RequestCorrection {
    CorrectionChecks.present(target, "target");
    CorrectionChecks.present(action, "action");
    value = value == null ? Optional.empty() : value;
    reason = CorrectionChecks.text(reason, 500, "reason");
    requestedBy = CorrectionChecks.text(requestedBy, 100, "requestedBy");
    closedPeriods = List.copyOf(CorrectionChecks.present(closedPeriods, "closedPeriods"));
    quarantineId = quarantineId == null ? Optional.empty() : quarantineId;
  }

  @TargetAggregateIdentifier
  public String streamId() {
    return CorrectionStreams.streamId(correctionId);
  }
}
