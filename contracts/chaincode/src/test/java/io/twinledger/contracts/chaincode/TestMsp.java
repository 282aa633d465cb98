package io.twinledger.contracts.chaincode;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test membership service provider: an ECDSA P-256 certificate authority that enrols identities,
 * as a Fabric CA does for an organisation.
 */
public final class TestMsp {

  private final String mspId;
  private final X500Name caName;
  private final KeyPair caKeys;
  private final AtomicLong serial = new AtomicLong(1);

  private TestMsp(String mspId) {
    this.mspId = mspId;
    this.caName = new X500Name("CN=ca." + mspId.toLowerCase() + ",O=" + mspId);
    this.caKeys = p256();
  }

  /** A new CA for the organisation {@code mspId}. */
  public static TestMsp create(String mspId) {
    return new TestMsp(mspId);
  }

  /** A new identity {@code CN=<name>} with its own key, certified by this CA. */
  public TestIdentity enrol(String name) {
    KeyPair keys = p256();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            caName,
            BigInteger.valueOf(serial.incrementAndGet()),
            Date.from(now.minus(1, ChronoUnit.DAYS)),
            Date.from(now.plus(365, ChronoUnit.DAYS)),
            new X500Name("CN=" + name + ",OU=client,O=" + mspId),
            keys.getPublic());
    try {
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
      return new TestIdentity(mspId, certificate, keys.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair p256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
