package io.twinledger.service.witness;

import io.twinledger.ledger.audit.NoteKeyEndorsement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The endorsements a report bundle carries so that an offline verifier can trust the note keys from
 * the organisations' CAs alone: the log operator's endorsement of the log's note key, and the
 * witness operator's of the witness's cosignature key. Each is empty when its organisation has no
 * channel identity in this deployment ({@code twinledger.ledger.mode=none}), or, for the witness,
 * when the witness does not run here.
 *
 * @param log the log's note key, endorsed by the log operator ({@code twinledger.ledger.msp-id})
 * @param witness the witness's key, endorsed by {@code twinledger.audit.witness.msp-id}
 */
public record NoteKeyEndorsements(
    Optional<NoteKeyEndorsement> log, Optional<NoteKeyEndorsement> witness) {

  /** Those present: the log's first. */
  public List<NoteKeyEndorsement> all() {
    return Stream.of(log, witness).flatMap(Optional::stream).toList();
  }
}
