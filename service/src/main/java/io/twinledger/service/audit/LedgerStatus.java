package io.twinledger.service.audit;

import io.twinledger.ledger.audit.AnchorReceipt;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.CheckpointBook;
import io.twinledger.ledger.audit.LogWatch;
import io.twinledger.ledger.audit.SignedCheckpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The audit log's health as operators watch it: its height in leaves, its latest checkpoint, the
 * latest checkpoint anchored on the ledger and how far anchoring lags behind, and the integrity
 * alarm. Read from the same log, checkpoint book and watch as the audit API.
 */
@Component
public class LedgerStatus {

  /**
   * A signed checkpoint.
   *
   * @param treeSize the leaves it covers
   * @param at its timestamp
   * @param anchor the ledger transaction and block that recorded it, once anchored
   */
  public record Checkpoint(long treeSize, Instant at, Optional<AnchorReceipt> anchor) {

    static Checkpoint of(SignedCheckpoint signed) {
      return new Checkpoint(
          signed.checkpoint().treeSize(), signed.checkpoint().timestamp(), signed.anchor());
    }
  }

  /**
   * The log as it is at {@code asOf}.
   *
   * @param leaves the log's height: leaves appended
   * @param latest the latest signed checkpoint, if one was signed
   * @param lastAnchored the latest checkpoint recorded on the ledger, if one was
   * @param leavesUnanchored leaves that no anchored checkpoint covers yet
   * @param anchoringLag how long ago the latest anchored checkpoint was taken, while leaves wait
   *     for anchoring; zero when none wait; empty when nothing was ever anchored
   * @param alarm the integrity alarm, open or acknowledged, if one was raised
   */
  public record Status(
      String logId,
      Instant asOf,
      long leaves,
      Optional<Checkpoint> latest,
      Optional<Checkpoint> lastAnchored,
      long leavesUnanchored,
      Optional<Duration> anchoringLag,
      Optional<LogWatch.Alarm> alarm) {}

  private final AuditLog log;
  private final CheckpointBook checkpoints;
  private final LogWatch watch;
  private final Clock clock = Clock.systemUTC();

  public LedgerStatus(AuditLog log, CheckpointBook checkpoints, LogWatch watch) {
    this.log = log;
    this.checkpoints = checkpoints;
    this.watch = watch;
  }

  public Status now() {
    Instant now = clock.instant();
    long leaves = log.size();
    Optional<Checkpoint> anchored = checkpoints.latestAnchored().map(Checkpoint::of);
    long unanchored = leaves - anchored.map(Checkpoint::treeSize).orElse(0L);
    return new Status(
        log.logId(),
        now,
        leaves,
        checkpoints.latest().map(Checkpoint::of),
        anchored,
        unanchored,
        anchored.map(a -> unanchored == 0 ? Duration.ZERO : Duration.between(a.at(), now).abs()),
        watch.alarm());
  }
}
