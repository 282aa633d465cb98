package io.twinledger.network.msp;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An organisation's certificate authority: a self-signed ECDSA P-256 certificate and its key, which
 * issues the organisation's identities (the signing CA) or its TLS certificates (the TLS CA) in the
 * style of Fabric's {@code cryptogen}.
 *
 * <p>The CA certificate has critical basic constraints (CA) and key usage (certificate and CRL
 * signing, digital signature) and a subject key identifier; an issued certificate has critical
 * basic constraints (not a CA) and key usage (digital signature), and its authority and subject key
 * identifiers. All are signed SHA256withECDSA.
 *
 * @param mspId the MSP the CA is the root of
 * @param certificate the CA's self-signed certificate
 * @param privateKey the CA's private key
 */
public record CertificateAuthority(
    String mspId, X509Certificate certificate, PrivateKey privateKey) {

  static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private static final SecureRandom RANDOM = new SecureRandom();

  public CertificateAuthority {
    Objects.requireNonNull(mspId, "mspId");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /**
   * A new CA with subject {@code CN=ca.<domain>, O=<organisation>}, valid over the given interval:
   * the root of the organisation's MSP (cryptogen's {@code ca/}).
   */
  public static CertificateAuthority create(
      String mspId, String organisation, String domain, Instant notBefore, Instant notAfter) {
    return selfSigned(mspId, organisation, "ca." + domain, notBefore, notAfter);
  }

  /**
   * A new TLS CA with subject {@code CN=tlsca.<domain>, O=<organisation>}, valid over the given
   * interval. As with cryptogen's {@code tlsca/}, it is separate from the signing CA: it issues
   * only TLS certificates, and TLS trust says nothing about MSP membership.
   */
  public static CertificateAuthority createTls(
      String mspId, String organisation, String domain, Instant notBefore, Instant notAfter) {
    return selfSigned(mspId, organisation, "tlsca." + domain, notBefore, notAfter);
  }

  private static CertificateAuthority selfSigned(
      String mspId, String organisation, String commonName, Instant notBefore, Instant notAfter) {
    KeyPair keys = newKeyPair();
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, organisation)
            .addRDN(BCStyle.CN, commonName)
            .build();
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          builder(subject, subject, keys.getPublic(), notBefore, notAfter)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(keys.getPublic()));
      return new CertificateAuthority(mspId, sign(builder, keys.getPrivate()), keys.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot create the CA " + commonName + " of " + mspId, e);
    }
  }

  /**
   * A new identity with subject {@code CN=<commonName>, OU=<node OU>, O=<the CA's O>} and a fresh
   * key, valid over the given interval.
   */
  public MspIdentity issue(String commonName, NodeOu nodeOu, Instant notBefore, Instant notAfter) {
    Objects.requireNonNull(commonName, "commonName");
    KeyPair keys = newKeyPair();
    X500NameBuilder subject = organisationOf(certificate);
    subject.addRDN(BCStyle.OU, nodeOu.ou()).addRDN(BCStyle.CN, commonName);
    X509Certificate issued =
        issue(
            commonName,
            subject.build(),
            keys,
            notBefore,
            notAfter,
            new KeyUsage(KeyUsage.digitalSignature),
            Optional.empty(),
            Optional.empty());
    return new MspIdentity(mspId, nodeOu, issued, keys.getPrivate());
  }

  /**
   * A TLS server certificate for {@code host} from this (TLS) CA, as cryptogen issues a peer's
   * {@code tls/server.crt}: subject {@code CN=<host>, O=<the CA's O>}; subject alternative names
   * {@code host}, each of {@code dnsNames} and each of {@code ipAddresses} (textual IPv4 or IPv6);
   * key usage digital signature and key encipherment; extended key usage server and client
   * authentication (a peer is also a TLS client of other peers and orderers).
   */
  public TlsCredentials issueTlsServer(
      String host,
      List<String> dnsNames,
      List<String> ipAddresses,
      Instant notBefore,
      Instant notAfter) {
    Objects.requireNonNull(host, "host");
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.dNSName, host));
    dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
    ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return issueTls(
        host,
        Optional.of(new GeneralNames(names.toArray(GeneralName[]::new))),
        new ExtendedKeyUsage(
            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}),
        notBefore,
        notAfter);
  }

  /**
   * A TLS client certificate from this (TLS) CA for mutual TLS, as cryptogen issues a user's {@code
   * tls/client.crt}: subject {@code CN=<commonName>, O=<the CA's O>}, key usage digital signature
   * and key encipherment, extended key usage client authentication only.
   */
  public TlsCredentials issueTlsClient(String commonName, Instant notBefore, Instant notAfter) {
    Objects.requireNonNull(commonName, "commonName");
    return issueTls(
        commonName,
        Optional.empty(),
        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth),
        notBefore,
        notAfter);
  }

  private TlsCredentials issueTls(
      String commonName,
      Optional<GeneralNames> subjectAlternativeNames,
      ExtendedKeyUsage purposes,
      Instant notBefore,
      Instant notAfter) {
    KeyPair keys = newKeyPair();
    X509Certificate issued =
        issue(
            commonName,
            organisationOf(certificate).addRDN(BCStyle.CN, commonName).build(),
            keys,
            notBefore,
            notAfter,
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment),
            Optional.of(purposes),
            subjectAlternativeNames);
    return new TlsCredentials(issued, keys.getPrivate(), certificate);
  }

  private X509Certificate issue(
      String commonName,
      X500Name subject,
      KeyPair keys,
      Instant notBefore,
      Instant notAfter,
      KeyUsage keyUsage,
      Optional<ExtendedKeyUsage> purposes,
      Optional<GeneralNames> subjectAlternativeNames) {
    X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          builder(issuer, subject, keys.getPublic(), notBefore, notAfter)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, keyUsage)
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  extensions.createAuthorityKeyIdentifier(certificate))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(keys.getPublic()));
      if (purposes.isPresent()) {
        builder.addExtension(Extension.extendedKeyUsage, false, purposes.get());
      }
      if (subjectAlternativeNames.isPresent()) {
        builder.addExtension(
            Extension.subjectAlternativeName, false, subjectAlternativeNames.get());
      }
      return sign(builder, privateKey);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue " + commonName + " for " + mspId, e);
    }
  }

  /** A subject builder holding the organisation ({@code O}) of {@code ca}'s subject. */
  private static X500NameBuilder organisationOf(X509Certificate ca) {
    X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
    for (var organisation : issuer.getRDNs(BCStyle.O)) {
      subject.addRDN(organisation.getFirst());
    }
    return subject;
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, PublicKey key, Instant notBefore, Instant notAfter) {
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException(
          "a certificate must end after it starts: " + notBefore + " to " + notAfter);
    }
    // 127 random bits plus one: positive and non-zero, as RFC 5280 wants serial numbers.
    BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE);
    return new JcaX509v3CertificateBuilder(
        issuer, serial, Date.from(notBefore), Date.from(notAfter), subject, key);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make ECDSA P-256 keys", e);
    }
  }

  @Override
  public String toString() {
    // The private key stays out of logs.
    return "CertificateAuthority[" + mspId + " " + certificate.getSubjectX500Principal() + "]";
  }
}
