package io.twinledger.network.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.network.Consortium;
import io.twinledger.network.org.Organisation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data directories written before the cryptogen layout ({@code <mspId>/{ca,peer,admin,client}/
 * {cert.pem,key.pem}}, {@code <mspId>/clients/<name>/}) are migrated on open, keeping every
 * certificate and key, since the ledger holds those certificates.
 */
class MspMigrationTest {

  private static final Consortium CONSORTIUM = Consortium.twinLedger();
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Instant FROM = NOW.minus(Duration.ofDays(100));
  private static final Instant TO = FROM.plus(MspDirectory.VALIDITY);

  @TempDir Path root;

  /** What the old layout held, by MSP id and then by directory ({@code ca}, {@code peer}, ...). */
  private final Map<String, Map<String, MspIdentity>> written = new LinkedHashMap<>();

  @BeforeEach
  void writeTheOldLayout() throws IOException {
    for (Organisation org : CONSORTIUM.organisations()) {
      CertificateAuthority ca =
          CertificateAuthority.create(org.mspId(), org.name(), org.domain(), FROM, TO);
      Map<String, MspIdentity> identities = new LinkedHashMap<>();
      identities.put(
          "ca", new MspIdentity(org.mspId(), NodeOu.ADMIN, ca.certificate(), ca.privateKey()));
      identities.put("peer", ca.issue(org.peerHost(), NodeOu.PEER, FROM, TO));
      identities.put("admin", ca.issue("Admin@" + org.domain(), NodeOu.ADMIN, FROM, TO));
      identities.put("client", ca.issue("twinledger@" + org.domain(), NodeOu.CLIENT, FROM, TO));
      if (org.mspId().equals("EnergyCommunityMSP")) {
        for (String household : List.of("household-07", "household-12")) {
          identities.put("clients/" + household, ca.issue(household, NodeOu.CLIENT, FROM, TO));
        }
      }
      Path directory = root.resolve(org.mspId());
      Files.createDirectories(directory);
      for (var entry : identities.entrySet()) {
        Path dir = directory.resolve(entry.getKey());
        Files.createDirectories(dir);
        PemFiles.writeCertificate(dir.resolve("cert.pem"), entry.getValue().certificate());
        PemFiles.writePrivateKey(dir.resolve("key.pem"), entry.getValue().privateKey());
      }
      written.put(org.mspId(), identities);
    }
  }

  @Test
  void migratesOnceKeepingEveryCertificateAndKey() throws IOException {
    MspDirectory msps = MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK);

    for (OrgMsp msp : msps.organisations()) {
      Map<String, MspIdentity> old = written.get(msp.mspId());
      assertSame(msp.caCertificate(), msp.ca().privateKey(), old.get("ca"));
      assertSame(msp.peer().certificate(), msp.peer().privateKey(), old.get("peer"));
      assertSame(msp.admin().certificate(), msp.admin().privateKey(), old.get("admin"));
      assertSame(msp.client().certificate(), msp.client().privateKey(), old.get("client"));
      assertThat(root.resolve(msp.mspId())).doesNotExist();
      // New TLS material, from a TLS CA of its own.
      assertThat(MspVerifier.issuedBy(msp.peerTls().certificate(), msp.tlsCaCertificate()))
          .isTrue();
      assertThat(msp.tlsCaCertificate()).isNotEqualTo(msp.caCertificate());
    }
    assertThat(msps.namedClients("EnergyCommunityMSP"))
        .containsExactly("household-07", "household-12");
    MspIdentity household = msps.namedClient("EnergyCommunityMSP", "household-07");
    assertSame(
        household.certificate(),
        household.privateKey(),
        written.get("EnergyCommunityMSP").get("clients/household-07"));
    // The client's files are where cryptogen puts User1's, its certificate unchanged.
    Path user1 =
        root.resolve(
            "peerOrganizations/cityfinance.twinledger.example/users/"
                + "User1@cityfinance.twinledger.example/msp");
    assertThat(FabricMsp.read(user1, "CityFinanceMSP", CLOCK).identity().certificate())
        .isEqualTo(written.get("CityFinanceMSP").get("client").certificate());
    try (Stream<Path> entries = Files.list(root)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("peerOrganizations");
    }

    // A second open loads the migrated tree as it is.
    MspDirectory reopened = MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK);
    for (OrgMsp msp : msps.organisations()) {
      OrgMsp again = reopened.organisation(msp.mspId()).orElseThrow();
      assertThat(again.tlsCaCertificate()).isEqualTo(msp.tlsCaCertificate());
      assertThat(again.peerTls().certificate()).isEqualTo(msp.peerTls().certificate());
      assertThat(again.client().certificate()).isEqualTo(msp.client().certificate());
    }
  }

  @Test
  void anOldDirectoryLeftByACrashAfterTheRenameIsRemovedWhenItHoldsTheSameCa() throws IOException {
    Path backup = root.resolve("backup-city");
    copyTree(root.resolve("CityFinanceMSP"), backup);
    MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK);
    // As if the process died between moving the new tree into place and removing the old one.
    copyTree(backup, root.resolve("CityFinanceMSP"));
    copyTree(backup, root.resolve(".WaterUtilityMSP.migrated"));

    MspDirectory reopened = MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK);

    assertThat(root.resolve("CityFinanceMSP")).doesNotExist();
    assertThat(root.resolve(".WaterUtilityMSP.migrated")).doesNotExist();
    assertThat(reopened.organisation("CityFinanceMSP").orElseThrow().client().certificate())
        .isEqualTo(written.get("CityFinanceMSP").get("client").certificate());
  }

  @Test
  void refusesAnOldDirectoryHoldingAnotherCaThanTheMigratedTree() throws IOException {
    MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK);
    Path stale = root.resolve("RoadAgencyMSP/ca");
    Files.createDirectories(stale);
    CertificateAuthority other =
        CertificateAuthority.create(
            "RoadAgencyMSP", "Road Agency", "roadagency.twinledger.example", FROM, TO);
    PemFiles.writeCertificate(stale.resolve("cert.pem"), other.certificate());

    assertThatThrownBy(() -> MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(MspFileProblem.AMBIGUOUS);
              assertThat(e.file()).isEqualTo(stale.resolve("cert.pem"));
            })
        .hasMessageContaining("the migrated tree holds another CA; keep one of");
    assertThat(stale.resolve("cert.pem")).exists();
  }

  @Test
  void refusesToMigrateADamagedOldDirectoryAndWritesNothingForIt() throws IOException {
    Path city = root.resolve("CityFinanceMSP");
    Files.copy(
        city.resolve("admin/key.pem"),
        city.resolve("client/key.pem"),
        StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(MspFileProblem.KEY_MISMATCH);
              assertThat(e.file()).isEqualTo(city.resolve("client/key.pem"));
            });
    assertThat(root.resolve("peerOrganizations/cityfinance.twinledger.example")).doesNotExist();
    assertThat(city.resolve("client/cert.pem")).exists();
    try (Stream<Path> entries = Files.list(root.resolve("peerOrganizations"))) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .as("no staging directory is left behind")
          .allMatch(name -> !name.startsWith("."));
    }
  }

  @Test
  void refusesANamedClientOfTheOldLayoutCarryingAnothersName() throws IOException {
    Path clients = root.resolve("EnergyCommunityMSP/clients");
    for (String file : List.of("cert.pem", "key.pem")) {
      Files.copy(
          clients.resolve("household-07").resolve(file),
          clients.resolve("household-12").resolve(file),
          StandardCopyOption.REPLACE_EXISTING);
    }
    assertThatThrownBy(() -> MspDirectory.openOrCreate(root, CONSORTIUM, CLOCK))
        .isInstanceOfSatisfying(
            InvalidMspDirectoryException.class,
            e -> assertThat(e.problem()).isEqualTo(MspFileProblem.WRONG_NAME))
        .hasMessageContaining("has common name household-07 where client household-12 belongs");
  }

  private static void assertSame(
      X509Certificate certificate, PrivateKey key, MspIdentity expected) {
    assertThat(certificate).isEqualTo(expected.certificate());
    assertThat(key.getEncoded()).isEqualTo(expected.privateKey().getEncoded());
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Files.copy(
            path,
            target.resolve(source.relativize(path).toString()),
            StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }
}
