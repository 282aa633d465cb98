package io.twinledger.contracts.energy;

import io.twinledger.contracts.ClientOu;
import io.twinledger.contracts.merkle.Sha256;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * The certificate facts that bind a household to its client identity: the fingerprint (hex SHA-256
 * of the DER encoding), which the contract compares with the creator's, and the subject, for
 * reading.
 *
 * @param subject the certificate's subject (RFC 2253)
 * @param sha256 hex SHA-256 of the certificate's DER encoding
 */
record HouseholdIdentity(String subject, String sha256) {

  /** The identity of {@code certificate}. */
  static HouseholdIdentity of(X509Certificate certificate) {
    try {
      return new HouseholdIdentity(
          certificate.getSubjectX500Principal().getName(),
          Sha256.digest(certificate.getEncoded()).hex());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate cannot be encoded", e);
    }
  }

  /**
   * The identity of a client certificate given as PEM.
   *
   * @throws IllegalArgumentException if it is not one X.509 certificate, or its subject has no
   *     {@code OU=client} (a Fabric NodeOU client identity)
   */
  static HouseholdIdentity ofClientPem(String pem) {
    X509Certificate certificate;
    try {
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(
                          (pem == null ? "" : pem).getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException | ClassCastException e) {
      throw new IllegalArgumentException("certificate: not a PEM X.509 certificate");
    }
    HouseholdIdentity identity = of(certificate);
    if (!ClientOu.isClient(identity.subject())) {
      throw new IllegalArgumentException(
          "certificate: " + identity.subject() + " is not a client identity (no OU=client)");
    }
    return identity;
  }
}
