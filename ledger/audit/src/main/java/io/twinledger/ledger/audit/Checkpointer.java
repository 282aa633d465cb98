package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.ConsistencyProof;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes signed checkpoints of a log and anchors them. Meant to run on a schedule: each {@link
 * #run()} signs and stores a checkpoint if the log grew since the latest one, then offers every
 * unanchored checkpoint, smallest first, to the {@link CheckpointAnchor} with the consistency proof
 * from the last anchored one. Without an anchor, checkpoints stay unanchored (their anchor is
 * empty) until one is configured.
 *
 * <p>With a {@link CheckpointNotary}, every stored checkpoint also gets its C2SP signed note of the
 * same size and root, right after it is stored.
 *
 * <p>Nothing is signed or anchored while the {@link LogWatch} finds the stored log not intact: a
 * signature over a root of tampered data would vouch for it.
 */
public final class Checkpointer {

  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

  private final AuditLog auditLog;
  private final CheckpointBook book;
  private final CheckpointSigner signer;
  private final Optional<CheckpointAnchor> anchor;
  private final Optional<CheckpointNotary> notary;
  private final LogWatch watch;
  private final Clock clock;

  public Checkpointer(
      AuditLog auditLog,
      CheckpointBook book,
      CheckpointSigner signer,
      Optional<CheckpointAnchor> anchor,
      LogWatch watch,
      Clock clock) {
    this(auditLog, book, signer, anchor, Optional.empty(), watch, clock);
  }

  public Checkpointer(
      AuditLog auditLog,
      CheckpointBook book,
      CheckpointSigner signer,
      Optional<CheckpointAnchor> anchor,
      Optional<CheckpointNotary> notary,
      LogWatch watch,
      Clock clock) {
    this.auditLog = auditLog;
    this.book = book;
    this.signer = signer;
    this.anchor = anchor;
    this.notary = notary;
    this.watch = watch;
    this.clock = clock;
  }

  /**
   * Checks the log, then takes a checkpoint if it grew and anchors what is pending; returns the new
   * one. Does neither while the log is not intact.
   */
  public synchronized Optional<SignedCheckpoint> run() {
    if (!watch.mayCheckpoint()) {
      return Optional.empty();
    }
    Optional<SignedCheckpoint> taken = sign();
    anchorPending();
    return taken;
  }

  /**
   * Checks the log, then signs and stores a checkpoint of it as it is now, if it is intact and grew
   * since the latest one.
   */
  public synchronized Optional<SignedCheckpoint> take() {
    return watch.mayCheckpoint() ? sign() : Optional.empty();
  }

  private Optional<SignedCheckpoint> sign() {
    Optional<SignedCheckpoint> taken = signIfGrown();
    notary.ifPresent(this::notePending);
    return taken;
  }

  /**
   * Notes every checkpoint without a note, each run rather than only after a new checkpoint, so one
   * missed through a failure is noted next time. A failure here leaves the ECDSA checkpoints and
   * their anchoring as they would be without notes.
   */
  private void notePending(CheckpointNotary checkpointNotary) {
    try {
      checkpointNotary.notePending();
    } catch (RuntimeException e) {
      log.warn("Cannot sign the checkpoint notes of {}: {}", auditLog.logId(), e.getMessage(), e);
    }
  }

  private Optional<SignedCheckpoint> signIfGrown() {
    Checkpoint now = auditLog.checkpoint(clock.instant());
    long latest = book.latest().map(c -> c.checkpoint().treeSize()).orElse(0L);
    if (now.treeSize() <= latest) {
      return Optional.empty();
    }
    SignedCheckpoint signed = signer.sign(now);
    return book.store(signed) ? Optional.of(signed) : Optional.empty();
  }

  /**
   * Anchors the unanchored checkpoints in order of size, each with the proof from the previous
   * anchored one, stopping at the first the anchor refuses (it is offered again next time).
   *
   * @return how many were anchored
   */
  public synchronized int anchorPending() {
    if (anchor.isEmpty()) {
      return 0;
    }
    int anchored = 0;
    Optional<SignedCheckpoint> previous = book.latestAnchored();
    for (SignedCheckpoint pending : book.unanchored()) {
      long size = pending.checkpoint().treeSize();
      if (previous.isPresent() && previous.get().checkpoint().treeSize() > size) {
        // Anchored ones must grow; an older checkpoint left behind a newer anchor is skipped.
        continue;
      }
      Optional<ConsistencyProof> proof =
          previous.map(p -> auditLog.consistency(p.checkpoint().treeSize(), size));
      AnchorReceipt receipt;
      try {
        receipt = anchor.get().anchor(pending, proof);
      } catch (RuntimeException e) {
        log.warn(
            "Cannot anchor the checkpoint of {} at {} leaves: {}",
            auditLog.logId(),
            size,
            e.getMessage());
        break;
      }
      book.anchored(size, receipt, clock.instant());
      previous = Optional.of(pending.anchoredAt(receipt));
      anchored++;
    }
    return anchored;
  }
}
