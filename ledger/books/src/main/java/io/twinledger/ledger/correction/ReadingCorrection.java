package io.twinledger.ledger.correction;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.twinledger.ledger.correction.api.CorrectionAction;
import io.twinledger.ledger.correction.api.CorrectionDecided;
import io.twinledger.ledger.correction.api.CorrectionRequested;
import io.twinledger.ledger.correction.api.CorrectionRuleViolation;
import io.twinledger.ledger.correction.api.CorrectionStreams;
import io.twinledger.ledger.correction.api.DecideCorrection;
import io.twinledger.ledger.correction.api.RequestCorrection;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One correction of a stored reading or batch, from request to decision.
 *
 * <p>The rules: a reason is always required; a superseding value only with {@code SUPERSEDE}, and
 * only for one reading; a release only of one reading; a resubmission names its quarantine entry
 * and the batch it became. A correction that changes a period already closed, a resubmission into
 * one included, waits for approval when the four-eyes rule is on, and only someone other than the
 * requester may approve or reject it; a decided correction stays decided. Holds come from the spike
 * rule and apply at once. Which role may decide is the web layer's rule.
 */
@Aggregate
public class ReadingCorrection {

  /** The requester of holds: the rule, not a person. */
  public static final String SPIKE_RULE = "spike-rule";

  @AggregateIdentifier private String streamId;
  private String requestedBy;
  private boolean waiting;

  protected ReadingCorrection() {}

  @CommandHandler
  public ReadingCorrection(RequestCorrection command) {
    boolean oneReading = command.target().reading().isPresent();
    switch (command.action()) {
      case SUPERSEDE -> {
        if (command.value().isEmpty()) {
          throw new CorrectionRuleViolation("value", "is required to supersede a reading");
        }
        if (!oneReading) {
          throw new CorrectionRuleViolation(
              "target", "only one reading can be superseded; void the batch instead");
        }
      }
      case RESUBMIT -> {
        if (command.quarantineId().isEmpty() || oneReading || command.value().isPresent()) {
          throw new CorrectionRuleViolation(
              "quarantineId",
              "a resubmission names the quarantine entry it fixes and the batch it became");
        }
      }
      case VOID, HOLD, RELEASE -> {
        if (command.value().isPresent()) {
          throw new CorrectionRuleViolation(
              "value", "belongs only to SUPERSEDE, not to " + command.action());
        }
        if (command.action() != CorrectionAction.VOID && !oneReading) {
          throw new CorrectionRuleViolation(
              "target", command.action() + " applies to one reading, not to a batch");
        }
      }
    }
    if (command.action() != CorrectionAction.RESUBMIT && command.quarantineId().isPresent()) {
      throw new CorrectionRuleViolation(
          "quarantineId", "belongs only to RESUBMIT, not to " + command.action());
    }
    if ((command.action() == CorrectionAction.HOLD) != SPIKE_RULE.equals(command.requestedBy())) {
      throw new CorrectionRuleViolation(
          "action", "only the spike rule holds readings, and it only holds them");
    }
    boolean approvalRequired =
        command.fourEyes()
            && !command.closedPeriods().isEmpty()
            && command.action() != CorrectionAction.HOLD;
    apply(
        new CorrectionRequested(
            command.correctionId(),
            command.target(),
            command.action(),
            command.value(),
            command.reason(),
            command.requestedBy(),
            command.closedPeriods(),
            approvalRequired,
            command.quarantineId()));
  }

  @CommandHandler
  public void handle(DecideCorrection command) {
    if (!waiting) {
      throw new CorrectionRuleViolation(
          "correctionId",
          "correction " + command.correctionId() + " is not waiting for a decision");
    }
    if (command.decidedBy().equals(requestedBy)) {
      throw new CorrectionRuleViolation(
          "decidedBy",
          "correction "
              + command.correctionId()
              + " was requested by "
              + requestedBy
              + "; another person must decide it");
    }
    apply(
        new CorrectionDecided(
            command.correctionId(), command.decidedBy(), command.approve(), command.reason()));
  }

  @EventSourcingHandler
  void on(CorrectionRequested event) {
    streamId = CorrectionStreams.streamId(event.correctionId());
    requestedBy = event.requestedBy();
    waiting = event.approvalRequired();
  }

  @EventSourcingHandler
  void on(CorrectionDecided event) {
    waiting = false;
  }
}
