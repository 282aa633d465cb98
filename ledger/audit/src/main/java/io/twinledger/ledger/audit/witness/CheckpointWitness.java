package io.twinledger.ledger.audit.witness;

import io.twinledger.contracts.merkle.NoteVerifier;

/**
 * A witness a log asks for cosignatures (C2SP tlog-witness {@code add-checkpoint}): a {@link
 * Witness} in the same process, or a client of one elsewhere.
 */
public interface CheckpointWitness {

  /** The witness's cosignature/v1 key, which its cosignatures are verified with. */
  NoteVerifier key();

  /** Submits a checkpoint with the consistency proof from the witness's last cosigned size. */
  WitnessResult addCheckpoint(AddCheckpoint request);
}
