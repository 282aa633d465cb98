package io.twinledger.contracts.merkle;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Arrays;

/**
 * A witness: a key name and an Ed25519 key pair that cosign checkpoints with signature type {@link
 * NoteKeyType#COSIGNATURE_V1} (0x04, c2sp.org/tlog-cosignature). It signs {@link
 * Cosignature#signedMessage} and puts the 8-byte big-endian timestamp before the 64-byte signature.
 * Checking the checkpoint's consistency before cosigning is the caller's duty.
 */
public final class CheckpointCosigner {

  private final NoteVerifier verifier;
  private final PrivateKey privateKey;

  private CheckpointCosigner(NoteVerifier verifier, PrivateKey privateKey) {
    this.verifier = verifier;
    this.privateKey = privateKey;
  }

  /**
   * {@code name} cosigning with {@code pair}. The spec asks for a distinct key per cosigner: the v1
   * message does not commit to the name.
   *
   * @throws IllegalArgumentException if the name is not a valid key name, the pair not Ed25519, or
   *     the private key not the public key's
   */
  public static CheckpointCosigner of(String name, KeyPair pair) {
    NoteVerifier verifier = NoteVerifier.of(name, NoteKeyType.COSIGNATURE_V1, pair.getPublic());
    NoteSigner.checkPair(verifier, pair.getPrivate());
    return new CheckpointCosigner(verifier, pair.getPrivate());
  }

  /** {@code name} with a fresh key pair. */
  public static CheckpointCosigner generate(String name) {
    return of(name, Ed25519.generate());
  }

  /** The verifier key (type 0x04) clients trust this witness by. */
  public NoteVerifier verifier() {
    return verifier;
  }

  /**
   * The cosignature line for {@code checkpoint}'s text at {@code timestamp}.
   *
   * @param timestamp POSIX seconds, at least 0
   * @throws IllegalArgumentException if the note's text is not a checkpoint or the time negative
   */
  public NoteSignature cosign(SignedNote checkpoint, long timestamp) {
    LogCheckpoint.parse(checkpoint.text());
    if (timestamp < 0) {
      throw new IllegalArgumentException("a cosignature time must not be negative: " + timestamp);
    }
    byte[] signature =
        Ed25519.sign(privateKey, Cosignature.signedMessage(checkpoint.text(), timestamp));
    byte[] timed = Arrays.copyOf(ByteBuffer.allocate(8).putLong(timestamp).array(), 72);
    System.arraycopy(signature, 0, timed, 8, signature.length);
    return NoteSignature.of(verifier.name(), verifier.keyId(), timed);
  }

  /** {@code checkpoint} with this witness's cosignature at {@code timestamp} appended. */
  public SignedNote cosigned(SignedNote checkpoint, long timestamp) {
    return checkpoint.withSignature(cosign(checkpoint, timestamp));
  }

  @Override
  public String toString() {
    return "CheckpointCosigner[" + verifier.vkey() + "]";
  }
}
