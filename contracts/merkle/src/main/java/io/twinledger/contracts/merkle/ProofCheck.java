package io.twinledger.contracts.merkle;

/** The outcome of checking a Merkle proof: valid, or invalid with the reason. */
public sealed interface ProofCheck {

  /** The proof holds. */
  record Valid() implements ProofCheck {}

  /**
   * The proof does not hold, or RFC 9162 rules it out before any hashing (an index outside the
   * tree, a path of the wrong length, a consistency proof from the empty tree...).
   *
   * @param reason one line that says which
   */
  record Invalid(String reason) implements ProofCheck {}

  /** The single valid outcome. */
  ProofCheck VALID = new Valid();

  /** Whether the proof holds. */
  default boolean isValid() {
    return this instanceof Valid;
  }
}
