package io.twinledger.ledger.audit.witness;

import io.twinledger.contracts.merkle.LogCheckpoint;
import io.twinledger.contracts.merkle.NoteCheck;
import io.twinledger.contracts.merkle.NoteSignature;
import io.twinledger.contracts.merkle.NoteVerifier;
import io.twinledger.contracts.merkle.QuorumCheck;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.contracts.merkle.SignedNote;
import io.twinledger.contracts.merkle.WitnessQuorum;
import io.twinledger.ledger.audit.AuditLog;
import io.twinledger.ledger.audit.CheckpointNotes;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's side of C2SP tlog-witness: asks each witness to cosign the log's latest checkpoint
 * note, with the consistency proof from the size that witness last cosigned, and keeps the
 * cosignatures that verify with the witness's key on the note ({@link
 * CheckpointNotes#addCosignature}).
 *
 * <p>The size each witness last cosigned is remembered from its answers. Not knowing it (after a
 * start), the collector asks from size 0; the witness's 409 names its size, and the request is made
 * once more from there, with the proof from that size.
 */
public final class CosignatureCollector {

  private static final Logger log = LoggerFactory.getLogger(CosignatureCollector.class);

  private final AuditLog auditLog;
  private final CheckpointNotes notes;
  private final List<CheckpointWitness> witnesses;
  private final WitnessQuorum quorum;
  private final Clock clock;
  private final Map<NoteVerifier, Long> cosignedSizes = new HashMap<>();

  /**
   * @param logKey the log's note key, which signs the notes
   * @param quorum how many of the witnesses must cosign a note for it to count as witnessed
   * @throws IllegalArgumentException if there are no witnesses, two share a key, or the quorum is
   *     not 1 to their number
   */
  public CosignatureCollector(
      AuditLog auditLog,
      CheckpointNotes notes,
      NoteVerifier logKey,
      List<CheckpointWitness> witnesses,
      int quorum,
      Clock clock) {
    this.auditLog = auditLog;
    this.notes = notes;
    this.witnesses = List.copyOf(witnesses);
    Set<NoteVerifier> keys = new LinkedHashSet<>();
    this.witnesses.forEach(w -> keys.add(w.key()));
    this.quorum = new WitnessQuorum(logKey, keys, quorum);
    this.clock = clock;
  }

  /** The trust policy a client applies to the notes this collects cosignatures for. */
  public WitnessQuorum quorum() {
    return quorum;
  }

  /**
   * Asks every witness to cosign the latest note, unless its cosignatures meet the quorum already,
   * then checks the note with its cosignatures against the quorum. A witness that fails or refuses
   * is logged and skipped.
   *
   * @return the quorum check of the latest note; empty when there is no note yet
   */
  public synchronized Optional<QuorumCheck> collect() {
    Optional<SignedNote> latest = notes.latest();
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    SignedNote note = latest.get();
    if (quorum.check(note) instanceof QuorumCheck.Met met) {
      return Optional.of(met);
    }
    LogCheckpoint checkpoint = LogCheckpoint.parse(note.text());
    for (CheckpointWitness witness : witnesses) {
      try {
        ask(witness, note, checkpoint);
      } catch (RuntimeException e) {
        log.warn(
            "Witness {} did not answer for {} at {}: {}",
            witness.key().name(),
            checkpoint.origin(),
            checkpoint.size(),
            e.getMessage());
      }
    }
    QuorumCheck check = quorum.check(notes.at(checkpoint.size()).orElseThrow());
    if (check instanceof QuorumCheck.NotMet notMet) {
      log.warn(
          "Checkpoint {} of {} is not witnessed: {}",
          checkpoint.size(),
          checkpoint.origin(),
          notMet.reason());
    }
    return Optional.of(check);
  }

  private void ask(CheckpointWitness witness, SignedNote note, LogCheckpoint checkpoint) {
    long from = cosignedSizes.getOrDefault(witness.key(), 0L);
    WitnessResult result = witness.addCheckpoint(request(from, note, checkpoint));
    if (result instanceof WitnessResult.Conflict conflict
        && conflict.cosignedSize() <= checkpoint.size()) {
      result = witness.addCheckpoint(request(conflict.cosignedSize(), note, checkpoint));
    }
    switch (result) {
      case WitnessResult.Cosigned cosigned -> {
        if (keep(witness, note, checkpoint, cosigned.cosignature())) {
          cosignedSizes.put(witness.key(), checkpoint.size());
        }
      }
      case WitnessResult.Conflict conflict -> {
        cosignedSizes.put(witness.key(), conflict.cosignedSize());
        log.warn(
            "Witness {} has cosigned {} at {} leaves, not {}",
            witness.key().name(),
            checkpoint.origin(),
            conflict.cosignedSize(),
            checkpoint.size());
      }
      case WitnessResult.Forked forked ->
          log.error(
              "Witness {} refused checkpoint {} of {} as a fork: {}",
              witness.key().name(),
              checkpoint.size(),
              checkpoint.origin(),
              forked.fork().reason());
      case WitnessResult.Rejected rejected ->
          log.warn(
              "Witness {} rejected checkpoint {} of {}: {} ({})",
              witness.key().name(),
              checkpoint.size(),
              checkpoint.origin(),
              rejected.reason(),
              rejected.refusal());
    }
  }

  private AddCheckpoint request(long from, SignedNote note, LogCheckpoint checkpoint) {
    List<Sha256> proof =
        from == 0 || from == checkpoint.size()
            ? List.of()
            : auditLog.consistency(from, checkpoint.size()).path();
    return new AddCheckpoint(from, proof, note);
  }

  /** Stores the cosignature if it is the witness's and verifies on the note; says whether. */
  private boolean keep(
      CheckpointWitness witness,
      SignedNote note,
      LogCheckpoint checkpoint,
      NoteSignature cosignature) {
    SignedNote cosigned = new SignedNote(note.text(), List.of(cosignature));
    if (!(cosigned.verify(List.of(witness.key())) instanceof NoteCheck.Verified)) {
      log.warn(
          "Witness {} answered {} at {} with a cosignature that does not verify",
          witness.key().name(),
          checkpoint.origin(),
          checkpoint.size());
      return false;
    }
    notes.addCosignature(checkpoint.size(), cosignature, clock.instant());
    return true;
  }
}
