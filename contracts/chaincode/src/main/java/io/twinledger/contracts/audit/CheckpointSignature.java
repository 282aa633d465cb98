package io.twinledger.contracts.audit;

import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.signature.EcdsaVerification;
import java.security.PublicKey;
import java.util.Base64;

/**
 * A log operator's signature over a {@link Checkpoint}: ECDSA with SHA-256 over {@link
 * Checkpoint#signedContent()}, DER-encoded, carried as base64.
 */
final class CheckpointSignature {

  private final byte[] der;

  private CheckpointSignature(byte[] der) {
    this.der = der;
  }

  /**
   * The signature given in standard base64.
   *
   * @throws IllegalArgumentException if the text is empty or not base64
   */
  static CheckpointSignature fromBase64(String base64) {
    byte[] der = Base64.getDecoder().decode(base64);
    if (der.length == 0) {
      throw new IllegalArgumentException("the signature is empty");
    }
    return new CheckpointSignature(der);
  }

  /**
   * Whether this signs {@code checkpoint} with the private key of {@code key}. A key that is not an
   * EC key, or bytes that are not a DER ECDSA signature, never verify.
   */
  boolean verifies(Checkpoint checkpoint, PublicKey key) {
    return EcdsaVerification.verifies(key, checkpoint.signedContent(), der);
  }
}
