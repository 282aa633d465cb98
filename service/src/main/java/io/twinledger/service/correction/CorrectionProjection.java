package io.twinledger.service.correction;

import io.twinledger.ledger.correction.api.CorrectionAction;
import io.twinledger.ledger.correction.api.CorrectionDecided;
import io.twinledger.ledger.correction.api.CorrectionRequested;
import io.twinledger.ledger.correction.api.ReadingRef;
import io.twinledger.twin.correction.CorrectionBook;
import io.twinledger.twin.correction.CorrectionRecord;
import io.twinledger.twin.correction.CorrectionStatus;
import io.twinledger.twin.correction.ReadingAction;
import io.twinledger.twin.correction.TargetReading;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Carries the books' correction events into the twin adapter's correction table, which period
 * closes read readings through. Both writes are idempotent, so a replay or a redelivery is
 * harmless.
 */
@Component
@ProcessingGroup(CorrectionProjection.PROCESSING_GROUP)
public class CorrectionProjection {

  /** The processing group, configured in {@code application.yml}. */
  public static final String PROCESSING_GROUP = "reading-corrections";

  private final CorrectionBook book;

  public CorrectionProjection(CorrectionBook book) {
    this.book = book;
  }

  @EventHandler
  void on(CorrectionRequested event, @Timestamp Instant at) {
    Optional<TargetReading> reading =
        event
            .target()
            .reading()
            .map(r -> target(r, event.target().batchId(), event.target().batchDigest()));
    book.recorded(
        new CorrectionRecord(
            event.correctionId(),
            action(event.action()),
            event.approvalRequired() ? CorrectionStatus.WAITING : CorrectionStatus.APPLIED,
            event.target().batchId(),
            event.target().batchDigest(),
            reading,
            event.value(),
            event.reason(),
            event.requestedBy(),
            at,
            event.closedPeriods(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            event.quarantineId()));
  }

  @EventHandler
  void on(CorrectionDecided event, @Timestamp Instant at) {
    book.decided(event.correctionId(), event.decidedBy(), event.approved(), event.reason(), at);
  }

  private static TargetReading target(ReadingRef r, long batchId, String batchDigest) {
    return new TargetReading(
        r.source(),
        r.sensorId(),
        r.observedAt(),
        r.assetId(),
        r.kpiId(),
        r.value(),
        r.unit(),
        batchId,
        batchDigest);
  }

  private static ReadingAction action(CorrectionAction action) {
    return ReadingAction.valueOf(action.name());
  }
}
