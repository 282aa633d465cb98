package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.Checkpoint;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;

/**
 * A checkpoint with the operator's signature over {@link Checkpoint#signedContent()} ({@value
 * #ALGORITHM}, DER-encoded), the certificate of the key that made it, and where it was anchored, if
 * it was.
 *
 * @param checkpoint what was signed
 * @param certificate the signer's certificate
 * @param signature the signature bytes
 * @param anchor the ledger transaction that recorded it; empty until anchored
 */
public record SignedCheckpoint(
    Checkpoint checkpoint,
    X509Certificate certificate,
    byte[] signature,
    Optional<AnchorReceipt> anchor) {

  /** The signature algorithm: ECDSA over P-256 with SHA-256. */
  public static final String ALGORITHM = "SHA256withECDSA";

  public SignedCheckpoint {
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The signer's subject, as RFC 2253 writes it. */
  public String signer() {
    return certificate.getSubjectX500Principal().getName();
  }

  /** Whether the signature is the certificate's key's signature over the checkpoint. */
  public boolean signatureValid() {
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(checkpoint.signedContent());
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** This checkpoint, recorded at {@code receipt}. */
  public SignedCheckpoint anchoredAt(AnchorReceipt receipt) {
    return new SignedCheckpoint(checkpoint, certificate, signature, Optional.of(receipt));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignedCheckpoint that
        && checkpoint.equals(that.checkpoint)
        && certificate.equals(that.certificate)
        && Arrays.equals(signature, that.signature)
        && anchor.equals(that.anchor);
  }

  @Override
  public int hashCode() {
    return checkpoint.hashCode() * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SignedCheckpoint[" + checkpoint + ", signer=" + signer() + ", anchor=" + anchor + "]";
  }
}
