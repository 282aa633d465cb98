package io.twinledger.contracts.merkle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of verifying a signed note against trusted keys: verified, or rejected with why. */
public sealed interface NoteCheck {

  /**
   * At least one trusted key signed the note and every signature line naming a trusted key holds.
   *
   * @param signatures each trusted key that signed, with its first signature line, in note order
   */
  record Verified(Map<NoteVerifier, NoteSignature> signatures) implements NoteCheck {
    public Verified {
      signatures = Collections.unmodifiableMap(new LinkedHashMap<>(signatures));
    }

    /** The trusted keys that signed, in note order. */
    public List<NoteVerifier> signers() {
      return List.copyOf(signatures.keySet());
    }
  }

  /**
   * The note is not to be trusted: no trusted key signed it, or a line naming a trusted key (same
   * key name and key ID) does not verify.
   *
   * @param reason one line that says which
   */
  record Rejected(String reason) implements NoteCheck {}

  /** Whether the note verified. */
  default boolean isVerified() {
    return this instanceof Verified;
  }
}
