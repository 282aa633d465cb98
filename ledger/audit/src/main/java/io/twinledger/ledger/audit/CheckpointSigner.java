package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.TreeHash;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Optional;

/**
 * Signs checkpoints with the operator organisation's ECDSA P-256 key ({@value
 * SignedCheckpoint#ALGORITHM}). The key and its certificate are plain inputs; network-config
 * supplies them.
 */
public final class CheckpointSigner {

  private final PrivateKey key;
  private final X509Certificate certificate;

  /**
   * @throws IllegalArgumentException if the certificate's key is not a P-256 EC key or is not the
   *     public half of {@code key}
   */
  public CheckpointSigner(PrivateKey key, X509Certificate certificate) {
    if (!(certificate.getPublicKey() instanceof ECPublicKey ec)
        || ec.getParams().getCurve().getField().getFieldSize() != 256) {
      throw new IllegalArgumentException(
          "the checkpoint signer's certificate must hold an ECDSA P-256 key");
    }
    this.key = key;
    this.certificate = certificate;
    SignedCheckpoint probe = sign(new Checkpoint("probe", 0, TreeHash.EMPTY, Instant.EPOCH));
    if (!probe.signatureValid()) {
      throw new IllegalArgumentException(
          "the private key does not belong to the certificate of "
              + certificate.getSubjectX500Principal().getName());
    }
  }

  /** The checkpoint signed, not yet anchored. */
  public SignedCheckpoint sign(Checkpoint checkpoint) {
    try {
      Signature signer = Signature.getInstance(SignedCheckpoint.ALGORITHM);
      signer.initSign(key);
      signer.update(checkpoint.signedContent());
      return new SignedCheckpoint(checkpoint, certificate, signer.sign(), Optional.empty());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot sign with the checkpoint key: " + e.getMessage(), e);
    }
  }
}
