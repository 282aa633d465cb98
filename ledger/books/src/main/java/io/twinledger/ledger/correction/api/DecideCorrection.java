package io.twinledger.ledger.correction.api;

import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Approves or rejects a correction that waits for a second person.
 *
 * @param decidedBy the user name of the person deciding
 * @param approve true to approve, false to reject
 * @param reason why; required to reject, optional to approve
 */
public record DecideCorrection(
    long correctionId, String decidedBy, boolean approve, Optional<String> reason) {

  public DecideCorrection {
    decidedBy = CorrectionChecks.text(decidedBy, 100, "decidedBy");
    reason = reason == null ? Optional.empty() : reason.map(r -> r.isBlank() ? null : r.strip());
    if (!approve && reason.isEmpty()) {
      throw new CorrectionRuleViolation("reason", "is required to reject a correction");
    }
    reason.ifPresent(r -> CorrectionChecks.text(r, 500, "reason"));
  }

  @TargetAggregateIdentifier
  public String streamId() {
    return CorrectionStreams.streamId(correctionId);
  }
}
