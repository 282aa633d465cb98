package io.twinledger.service.audit;

import io.twinledger.ledger.audit.Checkpointer;
import io.twinledger.ledger.audit.DomainEventFeed;
import io.twinledger.ledger.audit.SignedCheckpoint;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The audit log's schedule: domain events appended every few seconds, checkpoints every minute. */
@Component
public class AuditJobs {

  private static final Logger log = LoggerFactory.getLogger(AuditJobs.class);

  private final DomainEventFeed events;
  private final Checkpointer checkpointer;

  public AuditJobs(DomainEventFeed events, Checkpointer checkpointer) {
    this.events = events;
    this.checkpointer = checkpointer;
  }

  /** Appends the domain events not in the log yet; returns how many. */
  @Scheduled(
      fixedDelayString = "${twinledger.audit.feed-every:PT5S}",
      initialDelayString = "${twinledger.audit.feed-every:PT5S}")
  public int feedEvents() {
    int fed = events.feed();
    if (fed > 0) {
      log.debug("Appended {} domain events to the audit log", fed);
    }
    return fed;
  }

  /**
   * Appends pending events, then signs a checkpoint if the log grew and anchors what is pending.
   */
  @Scheduled(
      fixedDelayString = "${twinledger.audit.checkpoint-every:PT1M}",
      initialDelayString = "${twinledger.audit.checkpoint-every:PT1M}")
  public Optional<SignedCheckpoint> checkpoint() {
    feedEvents();
    Optional<SignedCheckpoint> taken = checkpointer.run();
    taken.ifPresent(
        c ->
            log.info(
                "Audit log {} checkpoint: {} leaves, root {}",
                c.checkpoint().logId(),
                c.checkpoint().treeSize(),
                c.checkpoint().root()));
    return taken;
  }
}
