package io.twinledger.network.msp;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Checks that a certificate is an identity of an MSP: issued by the MSP's CA, not a CA itself,
 * valid (with its CA) at the time, and with a node OU. This is what Fabric's MSP validation does
 * for a single-level chain without revocation lists.
 */
public final class MspVerifier {

  private final Map<String, X509Certificate> caCertificates;
  private final Clock clock;

  /**
   * A verifier trusting these CAs, one per MSP id, checking validity at the clock's time.
   *
   * @param caCertificates each MSP id's CA certificate
   */
  public MspVerifier(Map<String, X509Certificate> caCertificates, Clock clock) {
    this.caCertificates = Map.copyOf(caCertificates);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A verifier trusting the CAs of these MSPs. */
  public static MspVerifier of(Collection<OrgMsp> msps, Clock clock) {
    Map<String, X509Certificate> cas = new LinkedHashMap<>();
    msps.forEach(msp -> cas.put(msp.mspId(), msp.caCertificate()));
    return new MspVerifier(cas, clock);
  }

  /** {@code certificate} checked as an identity of {@code mspId}, now. */
  public IdentityCheck verify(String mspId, X509Certificate certificate) {
    return verify(mspId, certificate, clock.instant());
  }

  /**
   * A certificate in DER or PEM form, as a Fabric {@code SerializedIdentity} carries it, checked as
   * an identity of {@code mspId}, now.
   */
  public IdentityCheck verify(String mspId, byte[] encodedCertificate) {
    X509Certificate certificate;
    try {
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(encodedCertificate));
    } catch (CertificateException | ClassCastException e) {
      return new IdentityCheck.Untrusted(
          UntrustedReason.MALFORMED_CERTIFICATE,
          "the identity of " + mspId + " is not an X.509 certificate: " + e.getMessage());
    }
    return verify(mspId, certificate);
  }

  /** {@code certificate} checked as an identity of {@code mspId} at time {@code at}. */
  public IdentityCheck verify(String mspId, X509Certificate certificate, Instant at) {
    X509Certificate ca = caCertificates.get(mspId);
    String subject = certificate.getSubjectX500Principal().getName();
    if (ca == null) {
      return untrusted(UntrustedReason.UNKNOWN_MSP, mspId + " is not an MSP of the consortium");
    }
    if (!issuedBy(certificate, ca)) {
      return untrusted(
          UntrustedReason.NOT_ISSUED_BY_MSP_CA,
          subject
              + " (issuer "
              + certificate.getIssuerX500Principal().getName()
              + ") was not issued by "
              + mspId
              + "'s CA "
              + ca.getSubjectX500Principal().getName());
    }
    if (certificate.getBasicConstraints() >= 0) {
      return untrusted(
          UntrustedReason.CERTIFICATE_IS_A_CA, subject + " is a CA certificate, not an identity");
    }
    Date time = Date.from(at);
    try {
      certificate.checkValidity(time);
    } catch (CertificateExpiredException e) {
      return untrusted(
          UntrustedReason.EXPIRED,
          subject + " expired at " + certificate.getNotAfter().toInstant() + ", before " + at);
    } catch (CertificateNotYetValidException e) {
      return untrusted(
          UntrustedReason.NOT_YET_VALID,
          subject
              + " is valid only from "
              + certificate.getNotBefore().toInstant()
              + ", after "
              + at);
    }
    try {
      ca.checkValidity(time);
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      return untrusted(
          UntrustedReason.CA_NOT_VALID,
          mspId
              + "'s CA is valid from "
              + ca.getNotBefore().toInstant()
              + " to "
              + ca.getNotAfter().toInstant()
              + ", not at "
              + at);
    }
    return NodeOu.of(certificate)
        .<IdentityCheck>map(ou -> new IdentityCheck.Trusted(mspId, ou, certificate))
        .orElseGet(
            () ->
                untrusted(
                    UntrustedReason.NO_NODE_OU,
                    subject + " has no single OU of peer, admin, client or orderer"));
  }

  /** Whether {@code ca} signed {@code certificate} and is named as its issuer. */
  static boolean issuedBy(X509Certificate certificate, X509Certificate ca) {
    if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
      return false;
    }
    try {
      certificate.verify(ca.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static IdentityCheck untrusted(UntrustedReason reason, String detail) {
    return new IdentityCheck.Untrusted(reason, detail);
  }
}
