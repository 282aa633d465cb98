package io.twinledger.network.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.network.Consortium;
import io.twinledger.network.org.Organisation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedded MSPs: generated once, reloaded unchanged, and refused when damaged. */
class MspDirectoryTest {

  private static final Consortium CONSORTIUM = Consortium.twinLedger();
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** One generated directory, copied by tests that damage it; generating costs 24 key pairs. */
  @TempDir static Path pristine;

  private static MspDirectory created;

  @TempDir Path work;

  @BeforeAll
  static void generate() {
    created = MspDirectory.openOrCreate(pristine.resolve("fabric"), CONSORTIUM, CLOCK);
  }

  private Path copyOfPristine() throws IOException {
    Path source = pristine.resolve("fabric");
    Path target = work.resolve("fabric");
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Path copy = target.resolve(source.relativize(path).toString());
        Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    return target;
  }

  /** The local MSP directory of {@code mspId}'s identity of kind {@code ou} under {@code root}. */
  static Path mspOf(Path root, String mspId, NodeOu ou) {
    PeerOrgLayout layout = created.layout(mspId);
    return root.resolve(
        switch (ou) {
          case PEER -> layout.peerMsp();
          case ADMIN -> layout.userMsp(PeerOrgLayout.ADMIN);
          case CLIENT -> layout.userMsp(PeerOrgLayout.USER1);
          case ORDERER -> throw new IllegalArgumentException("no orderer");
        });
  }

  static Path signcert(Path msp) throws IOException {
    try (Stream<Path> files = Files.list(msp.resolve("signcerts"))) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      return all.getFirst();
    }
  }

  static Path key(Path msp) {
    return msp.resolve("keystore/priv_sk");
  }

  /** Copies the contents of {@code from}'s signing certificate and key over {@code to}'s. */
  private static void copyIdentity(Path from, Path to) throws IOException {
    Files.copy(signcert(from), signcert(to), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(key(from), key(to), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void createsOneMspPerOrganisationWithPeerAdminAndClient() {
    assertThat(created.organisations())
        .extracting(OrgMsp::mspId)
        .containsExactlyElementsOf(
            CONSORTIUM.organisations().stream().map(Organisation::mspId).toList());
    for (OrgMsp msp : created.organisations()) {
      for (NodeOu ou : List.of(NodeOu.PEER, NodeOu.ADMIN, NodeOu.CLIENT)) {
        MspIdentity identity = msp.identity(ou);
        assertThat(identity.mspId()).isEqualTo(msp.mspId());
        assertThat(identity.nodeOu()).isEqualTo(ou);
        assertThat(NodeOu.of(identity.certificate())).contains(ou);
        assertThat(MspVerifier.issuedBy(identity.certificate(), msp.caCertificate())).isTrue();
      }
    }
    assertThat(
            created
                .organisation("CityFinanceMSP")
                .orElseThrow()
                .peer()
                .certificate()
                .getSubjectX500Principal()
                .getName())
        .isEqualTo("CN=peer0.cityfinance.twinledger.example,OU=peer,O=City Finance Office");
    assertThat(created.organisation("NoSuchMSP")).isEmpty();
  }

  @Test
  void certificatesAreP256SignedSha256WithEcdsaWithProperConstraints() {
    OrgMsp msp = created.organisation("IndependentAuditorMSP").orElseThrow();
    X509Certificate ca = msp.caCertificate();
    assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(((ECPublicKey) ca.getPublicKey()).getParams().toString()).contains("secp256r1");
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(ca.getCriticalExtensionOIDs())
        .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
    // keyUsage bits: digitalSignature (0), keyCertSign (5), cRLSign (6)
    assertThat(ca.getKeyUsage())
        .containsExactly(true, false, false, false, false, true, true, false, false);
    assertThat(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();

    X509Certificate client = msp.client().certificate();
    assertThat(client.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(client.getBasicConstraints()).isEqualTo(-1);
    assertThat(client.getKeyUsage())
        .containsExactly(true, false, false, false, false, false, false, false, false);
    assertThat(client.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();
    assertThat(client.getNotBefore().toInstant()).isEqualTo(NOW.minus(MspDirectory.BACKDATING));
    assertThat(client.getNotAfter().toInstant())
        .isEqualTo(NOW.minus(MspDirectory.BACKDATING).plus(MspDirectory.VALIDITY));
  }

  @Test
  void theClientKeySignsWhatItsCertificateVerifies() throws Exception {
    MspIdentity client = created.organisation("CityFinanceMSP").orElseThrow().client();
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(client.privateKey());
    signer.update("proposal".getBytes());
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(client.certificate());
    verifier.update("proposal".getBytes());
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void writesKeysOwnerOnly() throws IOException {
    Path root = created.root();
    PeerOrgLayout layout = created.layout("BondTrusteeMSP");
    List<Path> keys = new java.util.ArrayList<>();
    keys.add(root.resolve(layout.caKey()));
    keys.add(root.resolve(layout.tlsCaKey()));
    keys.add(root.resolve(layout.peerTls()).resolve("server.key"));
    keys.add(root.resolve(layout.userTls("User1")).resolve("client.key"));
    for (NodeOu ou : List.of(NodeOu.PEER, NodeOu.ADMIN, NodeOu.CLIENT)) {
      Path msp = mspOf(root, "BondTrusteeMSP", ou);
      keys.add(key(msp));
      assertThat(Files.readString(signcert(msp))).startsWith("-----BEGIN CERTIFICATE-----");
    }
    for (Path key : keys) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
          .as(key.toString())
          .isEqualTo("rw-------");
      assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
    }
    Path org = created.directoryOf("BondTrusteeMSP");
    assertThat(org).isEqualTo(root.resolve("peerOrganizations/bondtrustee.twinledger.example"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(org)))
        .isEqualTo("rwx------");
    try (Stream<Path> leftovers = Files.list(root.resolve("peerOrganizations"))) {
      assertThat(leftovers.map(p -> p.getFileName().toString()))
          .as("no staging directory is left behind")
          .allMatch(name -> !name.startsWith("."));
    }
    try (Stream<Path> leftovers = Files.list(root)) {
      assertThat(leftovers.map(p -> p.getFileName().toString()))
          .as("no staging directory is left behind")
          .allMatch(name -> !name.startsWith("."));
    }
  }

  @Test
  void reopeningLoadsTheSameIdentities() {
    MspDirectory reopened =
        MspDirectory.openOrCreate(
            created.root(), CONSORTIUM, Clock.offset(CLOCK, Duration.ofDays(30)));
    for (OrgMsp original : created.organisations()) {
      OrgMsp loaded = reopened.organisation(original.mspId()).orElseThrow();
      assertThat(loaded.caCertificate()).isEqualTo(original.caCertificate());
      assertThat(loaded.ca().privateKey().getEncoded())
          .isEqualTo(original.ca().privateKey().getEncoded());
      for (NodeOu ou : List.of(NodeOu.PEER, NodeOu.ADMIN, NodeOu.CLIENT)) {
        assertThat(loaded.identity(ou).certificate())
            .isEqualTo(original.identity(ou).certificate());
        assertThat(loaded.identity(ou).privateKey().getEncoded())
            .isEqualTo(original.identity(ou).privateKey().getEncoded());
      }
    }
  }

  @Test
  void aMissingOrganisationIsCreatedBesideExistingOnes() throws IOException {
    Path root = copyOfPristine();
    deleteTree(root.resolve("peerOrganizations/roadagency.twinledger.example"));
    MspDirectory reopened = MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK);
    assertThat(reopened.organisation("RoadAgencyMSP").orElseThrow().caCertificate())
        .isNotEqualTo(created.organisation("RoadAgencyMSP").orElseThrow().caCertificate());
    assertThat(reopened.organisation("WaterUtilityMSP").orElseThrow().caCertificate())
        .isEqualTo(created.organisation("WaterUtilityMSP").orElseThrow().caCertificate());
  }

  @Test
  void refusesACorruptCertificate() throws IOException {
    Path root = copyOfPristine();
    Path file = signcert(mspOf(root, "CityFinanceMSP", NodeOu.PEER));
    String pem = Files.readString(file);
    Files.writeString(file, pem.substring(0, 40) + "!!!not base64!!!" + pem.substring(60));
    assertThatThrownBy(() -> MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(MspFileProblem.CORRUPT);
              assertThat(e.file()).isEqualTo(file);
            })
        .hasMessageStartingWith("CORRUPT " + file + ": ");
  }

  @Test
  void refusesAKeyFileHoldingACertificate() throws IOException {
    Path root = copyOfPristine();
    Path client = mspOf(root, "CityFinanceMSP", NodeOu.CLIENT);
    Files.writeString(key(client), Files.readString(signcert(client)));
    assertThatThrownBy(() -> MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.CORRUPT))
        .hasMessageContaining("not a PKCS#8 PRIVATE KEY");
  }

  @Test
  void refusesACertificateOfAnotherOrganisationsCa() throws IOException {
    Path root = copyOfPristine();
    copyIdentity(
        mspOf(root, "WaterUtilityMSP", NodeOu.PEER), mspOf(root, "CityFinanceMSP", NodeOu.PEER));
    assertThatThrownBy(() -> MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.NOT_ISSUED_BY_CA))
        .hasMessageContaining("was not issued by any certificate in cacerts/");

    // The whole local MSP of the other organisation, its cacerts included, is still refused.
    Path ours = mspOf(root, "CityFinanceMSP", NodeOu.PEER);
    deleteTree(ours);
    Path theirs = mspOf(root, "WaterUtilityMSP", NodeOu.PEER);
    try (Stream<Path> paths = Files.walk(theirs)) {
      for (Path path : paths.toList()) {
        Files.copy(path, ours.resolve(theirs.relativize(path).toString()));
      }
    }
    assertThatThrownBy(() -> MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.NOT_ISSUED_BY_CA))
        .hasMessageContaining("does not chain to CityFinanceMSP's CA");
  }

  @Test
  void refusesAKeyThatIsNotTheCertificates() throws IOException {
    Path root = copyOfPristine();
    Path client = mspOf(root, "CityFinanceMSP", NodeOu.CLIENT);
    Files.copy(
        key(mspOf(root, "CityFinanceMSP", NodeOu.ADMIN)),
        key(client),
        StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(MspFileProblem.KEY_MISMATCH);
              assertThat(e.file()).isEqualTo(key(client));
            });
  }

  @Test
  void refusesACertificateInTheWrongRolesDirectory() throws IOException {
    Path root = copyOfPristine();
    copyIdentity(
        mspOf(root, "CityFinanceMSP", NodeOu.ADMIN), mspOf(root, "CityFinanceMSP", NodeOu.PEER));
    assertThatThrownBy(() -> MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.WRONG_NODE_OU))
        .hasMessageContaining("has node OU admin where peer belongs");
  }

  @Test
  void refusesAKeyReadableByOthers() throws IOException {
    Path root = copyOfPristine();
    Path key = key(mspOf(root, "EnergyCommunityMSP", NodeOu.PEER));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.KEY_NOT_PRIVATE))
        .hasMessageContaining("chmod 600");
  }

  @Test
  void refusesAnIncompleteDirectoryRatherThanRegenerating() throws IOException {
    Path root = copyOfPristine();
    Files.delete(signcert(mspOf(root, "BondTrusteeMSP", NodeOu.CLIENT)));
    assertThatThrownBy(() -> MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.MISSING));
  }

  @Test
  void refusesCertificatesThatExpired() {
    Clock elevenYearsOn = Clock.offset(CLOCK, Duration.ofDays(11 * 365));
    assertThatThrownBy(() -> MspDirectory.openOrCreate(created.root(), CONSORTIUM, elevenYearsOn))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.NOT_VALID_NOW));
  }

  @Test
  void issuesANamedClientOnceAndReloadsIt() throws IOException {
    Path root = copyOfPristine();
    MspDirectory msps = MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK);
    assertThat(msps.namedClients("EnergyCommunityMSP")).isEmpty();

    MspIdentity household = msps.namedClient("EnergyCommunityMSP", "household-07");

    assertThat(household.mspId()).isEqualTo("EnergyCommunityMSP");
    assertThat(household.nodeOu()).isEqualTo(NodeOu.CLIENT);
    assertThat(household.certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=household-07,OU=client,O=Energy Community");
    OrgMsp community = msps.organisation("EnergyCommunityMSP").orElseThrow();
    assertThat(MspVerifier.issuedBy(household.certificate(), community.caCertificate())).isTrue();
    assertThat(msps.verifier().verify("EnergyCommunityMSP", household.certificate()))
        .isInstanceOf(IdentityCheck.Trusted.class);
    assertThat(household.certificate()).isNotEqualTo(community.client().certificate());
    Path directory =
        root.resolve(
            "peerOrganizations/energycommunity.twinledger.example/users/"
                + "household-07@energycommunity.twinledger.example");
    Path msp = directory.resolve("msp");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key(msp))))
        .isEqualTo("rw-------");
    assertThat(signcert(msp).getFileName().toString())
        .isEqualTo("household-07@energycommunity.twinledger.example-cert.pem");
    assertThat(FabricMsp.read(msp, "EnergyCommunityMSP", CLOCK).identity().certificate())
        .isEqualTo(household.certificate());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
        .isEqualTo("rwx------");
    try (Stream<Path> users = Files.list(directory.getParent())) {
      assertThat(users.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "Admin@energycommunity.twinledger.example",
              "User1@energycommunity.twinledger.example",
              "household-07@energycommunity.twinledger.example");
    }

    assertThat(msps.namedClient("EnergyCommunityMSP", "household-07").certificate())
        .isEqualTo(household.certificate());
    MspIdentity reloaded =
        MspDirectory.openOrCreate(root, CONSORTIUM, Clock.offset(CLOCK, Duration.ofDays(30)))
            .namedClient("EnergyCommunityMSP", "household-07");
    assertThat(reloaded.certificate()).isEqualTo(household.certificate());
    assertThat(reloaded.privateKey().getEncoded()).isEqualTo(household.privateKey().getEncoded());
    MspIdentity other = msps.namedClient("EnergyCommunityMSP", "household-08");
    assertThat(other.certificate().getPublicKey())
        .isNotEqualTo(household.certificate().getPublicKey());
    assertThat(msps.namedClients("EnergyCommunityMSP"))
        .containsExactly("household-07", "household-08");
  }

  @Test
  void refusesBadClientNamesAndUnknownOrganisations() {
    for (String name : List.of("", "..", "Household", "a/b", "-x", "x".repeat(65))) {
      assertThatThrownBy(() -> created.namedClient("EnergyCommunityMSP", name))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + name + "'");
    }
    assertThatThrownBy(() -> created.namedClient("NoSuchMSP", "household-01"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NoSuchMSP");
  }

  @Test
  void refusesANamedClientWhoseCertificateIsAnothers() throws IOException {
    Path root = copyOfPristine();
    MspDirectory msps = MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK);
    msps.namedClient("EnergyCommunityMSP", "household-01");
    msps.namedClient("EnergyCommunityMSP", "household-02");
    Path second = namedMsp(root, "household-02");
    copyIdentity(namedMsp(root, "household-01"), second);
    Path secondCertificate = signcert(second);
    assertThatThrownBy(() -> msps.namedClient("EnergyCommunityMSP", "household-02"))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(MspFileProblem.WRONG_NAME);
              assertThat(e.file()).isEqualTo(secondCertificate);
            })
        .hasMessageContaining("has common name household-01 where client household-02 belongs");
  }

  @Test
  void refusesADamagedNamedClientRatherThanReissuingIt() throws IOException {
    Path root = copyOfPristine();
    MspDirectory msps = MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK);
    msps.namedClient("EnergyCommunityMSP", "household-03");
    Path msp = namedMsp(root, "household-03");
    Path certificate = signcert(msp);
    Files.setPosixFilePermissions(key(msp), PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> msps.namedClient("EnergyCommunityMSP", "household-03"))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.KEY_NOT_PRIVATE));

    Files.delete(key(msp));
    assertThatThrownBy(() -> msps.namedClient("EnergyCommunityMSP", "household-03"))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.MISSING));

    Path admin = mspOf(root, "EnergyCommunityMSP", NodeOu.ADMIN);
    Files.copy(signcert(admin), certificate, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(key(admin), key(msp));
    assertThatThrownBy(() -> msps.namedClient("EnergyCommunityMSP", "household-03"))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.WRONG_NODE_OU));
  }

  @Test
  void refusesANamedClientIssuedByAnotherOrganisation() throws IOException {
    Path root = copyOfPristine();
    MspDirectory msps = MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK);
    msps.namedClient("CityFinanceMSP", "household-04");
    Files.move(
        root.resolve(
            "peerOrganizations/cityfinance.twinledger.example/users/"
                + "household-04@cityfinance.twinledger.example"),
        namedMsp(root, "household-04").getParent());
    assertThatThrownBy(() -> msps.namedClient("EnergyCommunityMSP", "household-04"))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.NOT_ISSUED_BY_CA))
        .hasMessageContaining("does not chain to EnergyCommunityMSP's CA");
  }

  /** The local MSP of the energy community's named client {@code name}. */
  private static Path namedMsp(Path root, String name) {
    return root.resolve(created.layout("EnergyCommunityMSP").userMsp(name));
  }

  static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
