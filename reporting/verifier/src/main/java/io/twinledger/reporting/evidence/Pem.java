package io.twinledger.reporting.evidence;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** X.509 certificates in PEM, the way bundles carry them. */
public final class Pem {

  private Pem() {}

  /** The certificate in PEM. */
  public static String of(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a certificate does not encode", e);
    }
  }

  /**
   * The certificate in {@code pem}.
   *
   * @throws IllegalArgumentException if it holds none
   */
  public static X509Certificate certificate(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException | ClassCastException e) {
      throw new IllegalArgumentException("not a PEM X.509 certificate");
    }
  }
}
