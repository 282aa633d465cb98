package io.twinledger.network.msp;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The checks every MSP file reader applies to a certificate and its key, each giving at most one
 * {@link MspFault}: the embedded directory and Fabric's own layout judge alike.
 */
final class CertificateChecks {

  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateChecks() {}

  /**
   * A fault on {@code keyFile} unless {@code key} signs what {@code certificate}'s key verifies.
   */
  static Optional<MspFault> keyMismatch(Path keyFile, X509Certificate certificate, PrivateKey key) {
    byte[] probe = new byte[32];
    RANDOM.nextBytes(probe);
    boolean matches;
    try {
      Signature signer = Signature.getInstance(CertificateAuthority.SIGNATURE_ALGORITHM);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(CertificateAuthority.SIGNATURE_ALGORITHM);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // Not an EC key, or another curve's: it cannot be this certificate's key either.
      matches = false;
    }
    return matches
        ? Optional.empty()
        : Optional.of(
            new MspFault(
                MspFileProblem.KEY_MISMATCH,
                keyFile,
                "is not the private key of " + subject(certificate)));
  }

  /** A fault on {@code certificateFile} unless {@code certificate} is valid at {@code now}. */
  static Optional<MspFault> notValidAt(
      Path certificateFile, X509Certificate certificate, Instant now) {
    Instant from = certificate.getNotBefore().toInstant();
    Instant to = certificate.getNotAfter().toInstant();
    String what = subject(certificate);
    if (now.isBefore(from)) {
      return Optional.of(
          new MspFault(
              MspFileProblem.NOT_VALID_NOW,
              certificateFile,
              what + " is not valid until " + from + " (valid to " + to + "); it is now " + now));
    }
    if (now.isAfter(to)) {
      return Optional.of(
          new MspFault(
              MspFileProblem.NOT_VALID_NOW,
              certificateFile,
              what + " expired at " + to + " (valid from " + from + "); it is now " + now));
    }
    return Optional.empty();
  }

  /** The certificate's subject as RFC 2253 text: {@code CN=peer0.x,OU=peer,O=X}. */
  static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName();
  }

  /** The one common name of the certificate's subject, or {@code (none)}. */
  static String commonName(X509Certificate certificate) {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    RDN[] names = subject.getRDNs(BCStyle.CN);
    return names.length == 1 ? IETFUtils.valueToString(names[0].getFirst().getValue()) : "(none)";
  }
}
