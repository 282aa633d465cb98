package io.twinledger.service.audit;

import io.twinledger.ledger.audit.CheckpointSigner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The checkpoint signer's key: the operator organisation's, from PEM files, or, until the
 * consortium's identities are configured, a local ECDSA P-256 key with a self-signed certificate
 * made once and kept in a directory, so checkpoints stay verifiable across restarts.
 */
final class OperatorKey {

  private OperatorKey() {}

  /** The signer of the key and certificate in these PEM files. */
  static CheckpointSigner fromFiles(Path key, Path certificate) {
    try {
      return new CheckpointSigner(
          privateKey(Files.readString(key)), certificate(Files.readString(certificate)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the checkpoint signer's key or certificate", e);
    }
  }

  /** The local key in {@code dir}, made there first if it is not. */
  static CheckpointSigner local(Path dir, String logId) {
    Path key = dir.resolve("checkpoint-key.pem");
    Path certificate = dir.resolve("checkpoint-cert.pem");
    if (!Files.exists(key) || !Files.exists(certificate)) {
      create(dir, key, certificate, logId);
    }
    return fromFiles(key, certificate);
  }

  private static void create(Path dir, Path key, Path certificate, String logId) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=" + logId + " local operator,O=TwinLedger");
      long now = System.currentTimeMillis();
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  new JcaX509v3CertificateBuilder(
                          subject,
                          BigInteger.valueOf(now),
                          new Date(now),
                          new Date(now + 100L * 365 * 86_400_000L),
                          subject,
                          keys.getPublic())
                      .build(
                          new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      Files.createDirectories(dir);
      Files.writeString(certificate, pem("CERTIFICATE", cert.getEncoded()));
      Files.writeString(key, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Cannot make a local checkpoint key", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the local checkpoint key in " + dir, e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] der(String pem) {
    return Base64.getMimeDecoder()
        .decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").strip());
  }

  private static PrivateKey privateKey(String pem) {
    try {
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The checkpoint key is not a PKCS#8 EC private key", e);
    }
  }

  private static X509Certificate certificate(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der(pem)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The checkpoint certificate is not an X.509 certificate", e);
    }
  }
}
