package io.twinledger.contracts.merkle;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;

/**
 * A key name and an Ed25519 key pair that sign note text with signature type {@link
 * NoteKeyType#ED25519} (0x01), as a log signs its checkpoints. The private key never leaves it.
 */
public final class NoteSigner {

  private final NoteVerifier verifier;
  private final PrivateKey privateKey;

  private NoteSigner(NoteVerifier verifier, PrivateKey privateKey) {
    this.verifier = verifier;
    this.privateKey = privateKey;
  }

  /**
   * {@code name} signing with {@code pair}.
   *
   * @throws IllegalArgumentException if the name is not a valid key name, the pair not Ed25519, or
   *     the private key not the public key's
   */
  public static NoteSigner of(String name, KeyPair pair) {
    NoteVerifier verifier = NoteVerifier.of(name, NoteKeyType.ED25519, pair.getPublic());
    checkPair(verifier, pair.getPrivate());
    return new NoteSigner(verifier, pair.getPrivate());
  }

  /** {@code name} with a fresh key pair. */
  public static NoteSigner generate(String name) {
    return of(name, Ed25519.generate());
  }

  /** The verifier key others trust this signer by. */
  public NoteVerifier verifier() {
    return verifier;
  }

  /** The signature line for {@code text}, which must be valid note text. */
  public NoteSignature sign(String text) {
    NoteEncoding.checkText(text, "note text");
    byte[] signature = Ed25519.sign(privateKey, text.getBytes(StandardCharsets.UTF_8));
    return NoteSignature.of(verifier.name(), verifier.keyId(), signature);
  }

  static void checkPair(NoteVerifier verifier, PrivateKey privateKey) {
    byte[] probe = "twinledger key pair check\n".getBytes(StandardCharsets.UTF_8);
    byte[] signature = Ed25519.sign(privateKey, probe);
    if (!Ed25519.verify(Ed25519.publicKey(verifier.publicKey()), probe, signature)) {
      throw new IllegalArgumentException("the private key is not the public key's");
    }
  }

  @Override
  public String toString() {
    return "NoteSigner[" + verifier.vkey() + "]";
  }
}
