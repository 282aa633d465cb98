package io.twinledger.service.audit;

import io.twinledger.ledger.audit.Checkpointer;
import io.twinledger.ledger.audit.DomainEventFeed;
import io.twinledger.ledger.audit.LeafScan;
import io.twinledger.ledger.audit.SignedCheckpoint;
import io.twinledger.ledger.audit.witness.CosignatureCollector;
import io.twinledger.service.scheduling.ScheduledJob;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The audit log's schedule: domain events appended every few seconds, stored records re-derived and
 * compared with their leaves every few seconds, checkpoints (after an integrity check) every
 * minute. The service's stop waits for the step in progress ({@link ScheduledJob}).
 */
@Component
public class AuditJobs extends ScheduledJob {

  private static final Logger log = LoggerFactory.getLogger(AuditJobs.class);

  /** Records of each kind re-derived per scan step. */
  static final int SCAN_STEP = 500;

  private final DomainEventFeed events;
  private final Checkpointer checkpointer;
  private final LeafScan scan;
  private final ObjectProvider<CosignatureCollector> witnesses;

  public AuditJobs(
      DomainEventFeed events,
      Checkpointer checkpointer,
      LeafScan scan,
      ObjectProvider<CosignatureCollector> witnesses) {
    this.events = events;
    this.checkpointer = checkpointer;
    this.scan = scan;
    this.witnesses = witnesses;
  }

  /**
   * Re-derives the next {@value #SCAN_STEP} reading batches and events from what is stored and
   * compares them with their leaves; a whole pass over the demo's year takes minutes.
   */
  @Scheduled(
      fixedDelayString = "${twinledger.audit.scan-every:PT5S}",
      initialDelayString = "${twinledger.audit.scan-every:PT5S}")
  public void scanRecords() {
    run(() -> scan.step(SCAN_STEP));
  }

  /** Appends the domain events not in the log yet; returns how many. */
  @Scheduled(
      fixedDelayString = "${twinledger.audit.feed-every:PT5S}",
      initialDelayString = "${twinledger.audit.feed-every:PT5S}")
  public int feedEvents() {
    int fed = run(events::feed, 0);
    if (fed > 0) {
      log.debug("Appended {} domain events to the audit log", fed);
    }
    return fed;
  }

  /**
   * Appends pending events, then signs a checkpoint if the log grew and anchors what is pending,
   * then asks the witnesses, when they are enabled, to cosign the latest checkpoint note.
   */
  @Scheduled(
      fixedDelayString = "${twinledger.audit.checkpoint-every:PT1M}",
      initialDelayString = "${twinledger.audit.checkpoint-every:PT1M}")
  public Optional<SignedCheckpoint> checkpoint() {
    feedEvents();
    Optional<SignedCheckpoint> taken = run(checkpointer::run, Optional.empty());
    taken.ifPresent(
        c ->
            log.info(
                "Audit log {} checkpoint: {} leaves, root {}",
                c.checkpoint().logId(),
                c.checkpoint().treeSize(),
                c.checkpoint().root()));
    witnesses.ifAvailable(collector -> run(collector::collect, Optional.empty()));
    return taken;
  }
}
