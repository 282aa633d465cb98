package io.twinledger.contracts.merkle;

import java.util.List;

/** The outcome of {@link WitnessQuorum#check}: the quorum is met, or not and why. */
public sealed interface QuorumCheck {

  /**
   * The log signed the checkpoint and at least the quorum of distinct trusted witnesses cosigned
   * it.
   *
   * @param checkpoint the checkpoint, now trusted
   * @param cosignatures one per witness that cosigned, in note order
   */
  record Met(LogCheckpoint checkpoint, List<Cosignature> cosignatures) implements QuorumCheck {
    public Met {
      cosignatures = List.copyOf(cosignatures);
    }
  }

  /**
   * The checkpoint is not to be trusted: not a checkpoint, another origin, no valid log signature,
   * a trusted key's signature that fails, or too few witnesses.
   *
   * @param reason one line that says which
   */
  record NotMet(String reason) implements QuorumCheck {}

  /** Whether the quorum is met. */
  default boolean isMet() {
    return this instanceof Met;
  }
}
