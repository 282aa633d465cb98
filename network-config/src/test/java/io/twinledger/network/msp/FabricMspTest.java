package io.twinledger.network.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading local MSPs in Fabric's layout: trees laid out exactly as cryptogen and a Fabric CA client
 * write them (certificates generated here, no key is checked in), and every fault reported.
 */
class FabricMspTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Instant FROM = NOW.minus(Duration.ofDays(1));
  private static final Instant TO = NOW.plus(Duration.ofDays(365));
  private static final String DOMAIN = "org1.example.com";

  /** cryptogen 2.5's {@code config.yaml}, as it writes it into every MSP of an organisation. */
  private static final String CRYPTOGEN_CONFIG =
      """
      NodeOUs:
        Enable: true
        ClientOUIdentifier:
          Certificate: cacerts/ca.org1.example.com-cert.pem
          OrganizationalUnitIdentifier: client
        PeerOUIdentifier:
          Certificate: cacerts/ca.org1.example.com-cert.pem
          OrganizationalUnitIdentifier: peer
        AdminOUIdentifier:
          Certificate: cacerts/ca.org1.example.com-cert.pem
          OrganizationalUnitIdentifier: admin
        OrdererOUIdentifier:
          Certificate: cacerts/ca.org1.example.com-cert.pem
          OrganizationalUnitIdentifier: orderer
      """;

  @TempDir Path work;

  private final CertificateAuthority ca =
      CertificateAuthority.create("Org1MSP", "Org1", DOMAIN, FROM, TO);
  private final CertificateAuthority tlsCa =
      CertificateAuthority.createTls("Org1MSP", "Org1", DOMAIN, FROM, TO);

  /**
   * {@code crypto-config/peerOrganizations/org1.example.com/users/User1@org1.example.com/msp} as
   * cryptogen writes it, holding {@code identity}.
   */
  private Path cryptogenUser(MspIdentity identity) throws IOException {
    Path msp =
        work.resolve(
            "crypto-config/peerOrganizations/" + DOMAIN + "/users/User1@" + DOMAIN + "/msp");
    Files.createDirectories(msp);
    write(msp.resolve("cacerts/ca." + DOMAIN + "-cert.pem"), ca.certificate());
    write(msp.resolve("tlscacerts/tlsca." + DOMAIN + "-cert.pem"), tlsCa.certificate());
    write(msp.resolve("signcerts/User1@" + DOMAIN + "-cert.pem"), identity.certificate());
    writeKey(msp.resolve("keystore/priv_sk"), identity);
    Files.writeString(msp.resolve("config.yaml"), CRYPTOGEN_CONFIG);
    return msp;
  }

  private MspIdentity user1() {
    return ca.issue("User1@" + DOMAIN, NodeOu.CLIENT, FROM, TO);
  }

  private static void write(Path file, X509Certificate certificate) throws IOException {
    Files.createDirectories(file.getParent());
    PemFiles.writeCertificate(file, certificate);
  }

  private static void writeKey(Path file, MspIdentity identity) throws IOException {
    Files.createDirectories(file.getParent());
    PemFiles.writePrivateKey(file, identity.privateKey());
  }

  @Test
  void readsCryptogensUserMsp() throws IOException {
    MspIdentity user = user1();
    Path msp = cryptogenUser(user);

    FabricMsp read = FabricMsp.read(msp, "Org1MSP", CLOCK);

    assertThat(read.mspId()).isEqualTo("Org1MSP");
    assertThat(read.identity().nodeOu()).isEqualTo(NodeOu.CLIENT);
    assertThat(read.identity().mspId()).isEqualTo("Org1MSP");
    assertThat(read.identity().certificate()).isEqualTo(user.certificate());
    assertThat(read.identity().privateKey().getEncoded()).isEqualTo(user.privateKey().getEncoded());
    assertThat(read.keyFile()).isEqualTo(msp.resolve("keystore/priv_sk"));
    assertThat(read.caCertificates()).containsExactly(ca.certificate());
    assertThat(read.intermediateCertificates()).isEmpty();
    assertThat(read.tlsCaCertificates()).containsExactly(tlsCa.certificate());
    assertThat(read.nodeOus().enabled()).isTrue();
    assertThat(read.nodeOus().identifiers().get(NodeOu.PEER))
        .isEqualTo(
            new NodeOus.Identifier(
                "peer", java.util.Optional.of("cacerts/ca." + DOMAIN + "-cert.pem")));
    assertThat(read.nodeOus().render()).isEqualTo(CRYPTOGEN_CONFIG);
  }

  @Test
  void readsAFabricCaEnrollmentWithAnIntermediateCa() throws Exception {
    // fabric-ca-client enroll: keystore/<SKI hex>_sk, signcerts/cert.pem,
    // cacerts/<host>-<port>.pem,
    // intermediatecerts/<host>-<port>.pem; config.yaml with custom OU names, written by the
    // operator.
    KeyPair intermediateKeys = keyPair();
    X509Certificate intermediate =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        X500Name.getInstance(
                            ca.certificate().getSubjectX500Principal().getEncoded()),
                        BigInteger.TWO,
                        Date.from(FROM),
                        Date.from(TO),
                        new X500Name("O=Org1,CN=ica.org1.example.com"),
                        intermediateKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(
                        Extension.keyUsage,
                        true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey())));
    CertificateAuthority ica =
        new CertificateAuthority("Org1MSP", intermediate, intermediateKeys.getPrivate());
    MspIdentity app = ica.issue("appuser", NodeOu.CLIENT, FROM, TO);
    Path msp = work.resolve("org1/app/msp");
    write(msp.resolve("cacerts/localhost-7054.pem"), ca.certificate());
    write(msp.resolve("intermediatecerts/localhost-7054.pem"), intermediate);
    write(msp.resolve("signcerts/cert.pem"), app.certificate());
    String ski = HexFormat.of().formatHex(new byte[32]).replace('0', 'a');
    writeKey(msp.resolve("keystore/" + ski + "_sk"), app);
    Files.createDirectories(msp.resolve("user"));
    Files.writeString(
        msp.resolve("config.yaml"),
        """
        NodeOUs:
          Enable: true
          ClientOUIdentifier:
            Certificate: intermediatecerts/localhost-7054.pem
            OrganizationalUnitIdentifier: client
          PeerOUIdentifier:
            Certificate: intermediatecerts/localhost-7054.pem
            OrganizationalUnitIdentifier: peer
        """);

    FabricMsp read = FabricMsp.read(msp, "Org1MSP", CLOCK);

    assertThat(read.identity().certificate()).isEqualTo(app.certificate());
    assertThat(read.identity().nodeOu()).isEqualTo(NodeOu.CLIENT);
    assertThat(read.keyFile().getFileName().toString()).isEqualTo(ski + "_sk");
    assertThat(read.intermediateCertificates()).containsExactly(intermediate);
    assertThat(read.tlsCaCertificates()).isEmpty();

    // Without the intermediate, the identity does not chain to the root.
    Files.delete(msp.resolve("intermediatecerts/localhost-7054.pem"));
    Files.writeString(msp.resolve("config.yaml"), "NodeOUs:\n  Enable: false\n");
    assertThatThrownBy(() -> FabricMsp.read(msp, "Org1MSP", CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e ->
                assertThat(e.faults())
                    .extracting(MspFault::problem)
                    .containsExactly(MspFileProblem.NOT_ISSUED_BY_CA))
        .hasMessage(
            "NOT_ISSUED_BY_CA "
                + msp.resolve("signcerts/cert.pem")
                + ": CN=appuser,OU=client,O=Org1 (issuer CN=ica.org1.example.com,O=Org1) was not"
                + " issued by any certificate in cacerts/ or intermediatecerts/");
  }

  @Test
  void readsWhatTheEmbeddedDirectoryWrites() throws IOException {
    MspIdentity peer = ca.issue("peer0." + DOMAIN, NodeOu.PEER, FROM, TO);
    Path msp = work.resolve("peer0/msp");
    Files.createDirectories(msp.getParent());
    FabricMsp.write(msp, "peer0." + DOMAIN, peer, ca.certificate(), tlsCa.certificate());

    FabricMsp read = FabricMsp.read(msp, "Org1MSP", CLOCK);

    assertThat(read.identity().nodeOu()).isEqualTo(NodeOu.PEER);
    assertThat(read.certificateFile())
        .isEqualTo(msp.resolve("signcerts/peer0.org1.example.com-cert.pem"));
    assertThat(Files.readString(msp.resolve("config.yaml"))).isEqualTo(CRYPTOGEN_CONFIG);
    assertThat(msp.resolve("cacerts/ca.org1.example.com-cert.pem")).isRegularFile();
    assertThat(msp.resolve("tlscacerts/tlsca.org1.example.com-cert.pem")).isRegularFile();
  }

  @Test
  void refusesAMissingDirectory() {
    Path missing = work.resolve("nowhere/msp");
    assertThatThrownBy(() -> FabricMsp.read(missing, "Org1MSP", CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.MISSING))
        .hasMessage("MISSING " + missing + ": is not a directory; no MSP for Org1MSP here");
  }

  @Test
  void reportsEveryFaultOnALineOfItsOwn() throws IOException {
    Path msp = cryptogenUser(user1());
    Files.delete(msp.resolve("signcerts/User1@" + DOMAIN + "-cert.pem"));
    writeKey(msp.resolve("keystore/" + "ab".repeat(32) + "_sk"), user1());
    Files.writeString(msp.resolve("cacerts/broken.pem"), "-----BEGIN CERTIFICATE-----\n!!\n");

    assertThatThrownBy(() -> FabricMsp.read(msp, "Org1MSP", CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> {
              assertThat(e.faults())
                  .extracting(MspFault::problem)
                  .containsExactly(
                      MspFileProblem.MISSING, MspFileProblem.AMBIGUOUS, MspFileProblem.CORRUPT);
              assertThat(e.getMessage().lines())
                  .containsExactly(
                      "MISSING " + msp.resolve("signcerts") + ": holds no certificate",
                      "AMBIGUOUS "
                          + msp.resolve("keystore")
                          + ": holds 2 files ("
                          + "ab".repeat(32)
                          + "_sk, priv_sk) where one private key belongs",
                      e.faults().get(2).toString());
              assertThat(e.faults().get(2).file()).isEqualTo(msp.resolve("cacerts/broken.pem"));
            });
  }

  @Test
  void refusesAKeyOfAnotherCertificate() throws IOException {
    Path msp = cryptogenUser(user1());
    Files.delete(msp.resolve("keystore/priv_sk"));
    writeKey(msp.resolve("keystore/priv_sk"), user1());
    assertThatThrownBy(() -> FabricMsp.read(msp, "Org1MSP", CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(MspFileProblem.KEY_MISMATCH);
              assertThat(e.file()).isEqualTo(msp.resolve("keystore/priv_sk"));
            })
        .hasMessageEndingWith(
            "priv_sk: is not the private key of CN=User1@org1.example.com,OU=client,O=Org1");
  }

  @Test
  void refusesACertificateOfAnotherCa() throws IOException {
    CertificateAuthority forged = CertificateAuthority.create("Org1MSP", "Org1", DOMAIN, FROM, TO);
    Path msp = cryptogenUser(forged.issue("User1@" + DOMAIN, NodeOu.CLIENT, FROM, TO));
    assertThatThrownBy(() -> FabricMsp.read(msp, "Org1MSP", CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.NOT_ISSUED_BY_CA))
        .hasMessageContaining("(issuer CN=ca.org1.example.com,O=Org1) was not issued by any");
  }

  @Test
  void refusesCertificatesOutsideTheirValidityNamingTheDates() throws IOException {
    Path msp = cryptogenUser(ca.issue("User1@" + DOMAIN, NodeOu.CLIENT, FROM, TO));
    Clock later = Clock.fixed(TO.plusSeconds(1), ZoneOffset.UTC);
    assertThatThrownBy(() -> FabricMsp.read(msp, "Org1MSP", later))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> {
              assertThat(e.faults())
                  .extracting(MspFault::problem)
                  .containsOnly(MspFileProblem.NOT_VALID_NOW);
              // The identity and its CA (same dates) both expired, each named by its file.
              assertThat(e.faults())
                  .extracting(MspFault::file)
                  .containsExactly(
                      msp.resolve("signcerts/User1@" + DOMAIN + "-cert.pem"),
                      msp.resolve("cacerts/ca." + DOMAIN + "-cert.pem"));
            })
        .hasMessageContaining(
            "CN=User1@org1.example.com,OU=client,O=Org1 expired at "
                + TO
                + " (valid from "
                + FROM
                + "); it is now "
                + TO.plusSeconds(1));

    Clock earlier = Clock.fixed(FROM.minusSeconds(60), ZoneOffset.UTC);
    assertThatThrownBy(() -> FabricMsp.read(msp, "Org1MSP", earlier))
        .hasMessageContaining(
            "CN=User1@org1.example.com,OU=client,O=Org1 is not valid until "
                + FROM
                + " (valid to "
                + TO
                + "); it is now "
                + FROM.minusSeconds(60));
  }

  @Test
  void refusesAnIdentityWithoutANodeOuOrOutsideItsOusScope() throws IOException {
    Path msp = cryptogenUser(ca.issue("User1@" + DOMAIN, NodeOu.CLIENT, FROM, TO));
    Files.writeString(
        msp.resolve("config.yaml"),
        CRYPTOGEN_CONFIG.replace(
            "OrganizationalUnitIdentifier: client", "OrganizationalUnitIdentifier: customer"));
    assertThatThrownBy(() -> FabricMsp.read(msp, "Org1MSP", CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.WRONG_NODE_OU))
        .hasMessageContaining("has none of the node OUs admin, customer, orderer, peer");

    // The client OU scoped to another CA certificate of the MSP: not this identity's.
    write(msp.resolve("cacerts/other-ca.pem"), tlsCa.certificate());
    Files.writeString(
        msp.resolve("config.yaml"),
        CRYPTOGEN_CONFIG.replaceFirst(
            "cacerts/ca.org1.example.com-cert.pem", "cacerts/other-ca.pem"));
    assertThatThrownBy(() -> FabricMsp.read(msp, "Org1MSP", CLOCK))
        .hasMessageContaining(
            "has OU client, which config.yaml grants only to identities issued by"
                + " cacerts/other-ca.pem");

    Files.writeString(msp.resolve("config.yaml"), "NodeOUs: [not, a, mapping]\n");
    assertThatThrownBy(() -> FabricMsp.read(msp, "Org1MSP", CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.CORRUPT))
        .hasMessageContaining("NodeOUs must be a mapping");
  }

  @Test
  void refusesAKeyReadableByOthersAndUnreadablePem() throws IOException {
    Path msp = cryptogenUser(user1());
    Files.setPosixFilePermissions(
        msp.resolve("keystore/priv_sk"), PosixFilePermissions.fromString("rw-r--r--"));
    Path signcert = msp.resolve("signcerts/User1@" + DOMAIN + "-cert.pem");
    Files.writeString(signcert, "not a certificate\n");
    assertThatThrownBy(() -> FabricMsp.read(msp, "Org1MSP", CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e ->
                assertThat(e.faults())
                    .extracting(MspFault::problem, MspFault::file)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MspFileProblem.CORRUPT, signcert),
                        org.assertj.core.groups.Tuple.tuple(
                            MspFileProblem.KEY_NOT_PRIVATE, msp.resolve("keystore/priv_sk"))));
  }

  @Test
  void aMissingCacertsOrKeystoreIsNamed() throws IOException {
    Path msp = cryptogenUser(user1());
    MspDirectoryTest.deleteTree(msp.resolve("cacerts"));
    MspDirectoryTest.deleteTree(msp.resolve("keystore"));
    assertThatThrownBy(() -> FabricMsp.read(msp, "Org1MSP", CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e ->
                assertThat(e.getMessage().lines())
                    .containsExactly(
                        "MISSING "
                            + msp.resolve("keystore")
                            + ": is missing; it holds the private key",
                        "MISSING "
                            + msp.resolve("cacerts")
                            + ": is missing; it holds the CA certificates"));
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }
}
