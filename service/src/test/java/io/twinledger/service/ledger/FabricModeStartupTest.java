package io.twinledger.service.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.contracts.chaincode.TwinLedgerChaincode;
import io.twinledger.contracts.merkle.Checkpoint;
import io.twinledger.contracts.merkle.Sha256;
import io.twinledger.ledger.audit.AnchorReceipt;
import io.twinledger.ledger.audit.CheckpointSigner;
import io.twinledger.ledger.peer.ChannelSettings;
import io.twinledger.ledger.peer.EmbeddedPeer;
import io.twinledger.ledger.peer.PeerSettings;
import io.twinledger.ledger.peer.TlsSettings;
import io.twinledger.ledger.peer.commit.BatchLimits;
import io.twinledger.ledger.peer.consortium.ConsortiumPeer;
import io.twinledger.ledger.store.TestDatabases;
import io.twinledger.network.Consortium;
import io.twinledger.network.fabric.ConnectionProfile;
import io.twinledger.network.fabric.GatewayPeer;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.MspIdentity;
import io.twinledger.network.msp.OrgMsp;
import io.twinledger.network.msp.PeerOrgLayout;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code twinledger.ledger.mode=fabric} against embedded peers serving TLS on loopback ports, as
 * remote peers: it connects with the connection profile and MSP directory embedded mode writes,
 * anchors a checkpoint through TLS and through mutual TLS, and every start-up failure is one line
 * naming what is wrong: unreachable peer, TLS name mismatch, TLS certificate from another CA,
 * missing client certificate, expired identity, identity the network does not know, chaincode not
 * committed on the channel, and settings that do not fit together.
 */
class FabricModeStartupTest {

  private static final String CITY = "CityFinanceMSP";
  private static final String CHANNEL = "infra-performance";
  private static final AtomicInteger LOGS = new AtomicInteger();

  @TempDir static Path dir;

  private static final Consortium consortium = Consortium.twinLedger();
  private static MspDirectory msps;
  private static HikariDataSource database;
  private static HikariDataSource otherDatabase;
  private static EmbeddedPeer peer;
  private static EmbeddedPeer peerWithoutAnchor;
  private static int port;
  private static int mutualPort;
  private static int portWithoutAnchor;

  @BeforeAll
  static void peers() {
    msps = MspDirectory.openOrCreate(dir.resolve("fabric"), consortium);
    database = TestDatabases.migrated(6);
    peer =
        EmbeddedPeer.start(
            ConsortiumPeer.allChannels(
                consortium,
                msps,
                CITY,
                database,
                TwinLedgerChaincode.CONTRACTS,
                TwinLedgerChaincode.DATA_TYPES,
                BatchLimits.DEFAULT));
    OrgMsp city = msps.organisation(CITY).orElseThrow();
    TlsSettings tls = TlsSettings.server(city.peerTls());
    port = peer.serveTls(0, tls);
    mutualPort =
        peer.serveTls(
            0,
            tls.requireClientCertificates(
                msps.organisations().stream().map(OrgMsp::tlsCaCertificate).toList()));

    // The same network without the audit-anchor chaincode on the channel.
    otherDatabase = TestDatabases.migrated(4);
    ChannelSettings infra =
        ConsortiumPeer.channelSettings(
            consortium.channel(CHANNEL).orElseThrow(),
            msps,
            TwinLedgerChaincode.CONTRACTS,
            TwinLedgerChaincode.DATA_TYPES);
    peerWithoutAnchor =
        EmbeddedPeer.start(
            new PeerSettings(
                CITY,
                otherDatabase,
                List.of(
                    new ChannelSettings(
                        infra.channel(),
                        infra.organizationCas(),
                        infra.endorsers(),
                        infra.chaincodes().stream()
                            .filter(c -> !c.definition().name().equals("twinledger-anchor"))
                            .toList())),
                BatchLimits.DEFAULT));
    portWithoutAnchor = peerWithoutAnchor.serveTls(0, tls);
  }

  @AfterAll
  static void close() {
    for (AutoCloseable closeable :
        new AutoCloseable[] {peer, peerWithoutAnchor, database, otherDatabase}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void anchorsACheckpointOverTls() throws Exception {
    assertAnchors(profile("tls.json", port, false));
  }

  @Test
  void anchorsACheckpointOverMutualTls() throws Exception {
    assertAnchors(profile("mutual.json", mutualPort, true));
  }

  /** Fabric mode holds no chain: the ledger height gauge follows the peer's block events. */
  @Test
  void theChannelsHeightFollowsThePeersBlockEvents() throws Exception {
    LedgerProperties properties =
        properties(Optional.of(profile("height.json", port, false)), Optional.of(userMsp(msps)));
    FabricLedgerConfiguration configuration = new FabricLedgerConfiguration();
    MspIdentity identity = configuration.ledgerClientIdentity(properties);
    try (LedgerConnection connection =
            configuration.ledgerConnection(
                configuration.gatewayPeer(properties), consortium, properties, identity);
        ChannelHeight height = configuration.channelHeight(connection)) {
      assertThat(height.channel()).isEqualTo(CHANNEL);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> height.height() == peer.channel(CHANNEL).height());

      AnchorReceipt receipt = anchorALogsFirstCheckpoint(configuration, connection, identity);

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> height.height() >= receipt.blockNumber() + 1);
    }
  }

  @Test
  void anUnreachablePeerIsNamed() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }

    assertThat(startFailure(profile("closed.json", closed, false), userMsp(msps)))
        .startsWith(
            "cannot reach the Fabric peer peer0.cityfinance.twinledger.example at localhost:"
                + closed)
        .containsIgnoringCase("connection refused");
  }

  @Test
  void aTlsCertificateNotForTheProfilesNameIsNamed() throws IOException {
    Path profile =
        rewrite(
            profile("wrong-name.json", port, false),
            "peer0.cityfinance.twinledger.example\"",
            "peer0.elsewhere.example\"");

    assertThat(startFailure(profile, userMsp(msps)))
        .contains("presented a TLS certificate that is not for peer0.elsewhere.example");
  }

  @Test
  void aTlsCertificateFromAnotherCaIsNamed() throws IOException {
    Path profile =
        rewrite(
            profile("other-ca.json", port, false),
            msps.tlsCaCertificateFile(CITY).toAbsolutePath().normalize().toString(),
            msps.tlsCaCertificateFile("WaterUtilityMSP").toAbsolutePath().normalize().toString());

    assertThat(startFailure(profile, userMsp(msps)))
        .contains("presented a TLS certificate that no TLS CA of the connection profile issued");
  }

  @Test
  void aPeerWantingAClientCertificateTheProfileLacksIsNamed() throws IOException {
    assertThat(startFailure(profile("no-client.json", mutualPort, false), userMsp(msps)))
        .contains("refused the TLS handshake for want of a client certificate")
        .contains("the connection profile gives none");
  }

  @Test
  void anExpiredIdentityStopsTheStartBeforeAnyCall() throws IOException {
    // An MSP made eleven years ago: its certificates (valid ten) have expired.
    MspDirectory old =
        MspDirectory.openOrCreate(
            dir.resolve("old-fabric"),
            consortium,
            Clock.fixed(Instant.now().minus(Duration.ofDays(11 * 365)), ZoneOffset.UTC));

    assertThat(startFailure(profile("expired.json", port, false), userMsp(old)))
        .startsWith("the MSP directory " + userMsp(old) + " cannot be used: ")
        .contains("expired");
  }

  @Test
  void anIdentityTheNetworkDoesNotKnowIsNamed() throws IOException {
    MspDirectory stranger = MspDirectory.openOrCreate(dir.resolve("other-fabric"), consortium);

    assertThat(startFailure(profile("stranger.json", port, false), userMsp(stranger)))
        .startsWith("the Fabric peer peer0.cityfinance.twinledger.example at localhost:" + port)
        .contains("does not accept the identity")
        .contains("of CityFinanceMSP");
  }

  @Test
  void aChaincodeNotCommittedOnTheChannelIsNamed() throws IOException {
    assertThat(startFailure(profile("no-anchor.json", portWithoutAnchor, false), userMsp(msps)))
        .startsWith("chaincode twinledger-anchor is not committed on channel infra-performance");
  }

  @Test
  void aProfileOfAnotherOrganisationIsRefused() throws IOException {
    Path profile = dir.resolve("water.json");
    ConnectionProfile.writeEmbedded(profile, consortium, msps, "WaterUtilityMSP", port, false);

    assertThat(startFailure(profile, userMsp(msps)))
        .isEqualTo(
            "the connection profile "
                + profile
                + " is for WaterUtilityMSP, but twinledger.ledger.msp-id is CityFinanceMSP");
  }

  @Test
  void missingSettingsAreNamed() {
    LedgerProperties none = properties(Optional.empty(), Optional.empty());
    FabricLedgerConfiguration configuration = new FabricLedgerConfiguration();

    assertThat(
            catchThrowableOfType(
                LedgerStartupException.class, () -> configuration.gatewayPeer(none)))
        .hasMessage(
            "twinledger.ledger.mode is fabric but twinledger.ledger.fabric.connection-profile is"
                + " not set");
    assertThat(
            catchThrowableOfType(
                LedgerStartupException.class, () -> configuration.ledgerClientIdentity(none)))
        .hasMessage(
            "twinledger.ledger.mode is fabric but twinledger.ledger.fabric.msp-directory is not"
                + " set");
  }

  private static void assertAnchors(Path profile) throws Exception {
    LedgerProperties properties = properties(Optional.of(profile), Optional.of(userMsp(msps)));
    FabricLedgerConfiguration configuration = new FabricLedgerConfiguration();
    MspIdentity identity = configuration.ledgerClientIdentity(properties);
    long height = peer.channel(CHANNEL).height();
    try (LedgerConnection connection =
        configuration.ledgerConnection(
            configuration.gatewayPeer(properties), consortium, properties, identity)) {
      AnchorReceipt receipt = anchorALogsFirstCheckpoint(configuration, connection, identity);

      assertThat(receipt.blockNumber()).isGreaterThanOrEqualTo(height);
      assertThat(peer.channel(CHANNEL).height()).isGreaterThan(receipt.blockNumber());
    }
  }

  /** Anchors the first checkpoint (the empty tree) of a new log, signed by {@code identity}. */
  private static AnchorReceipt anchorALogsFirstCheckpoint(
      FabricLedgerConfiguration configuration, LedgerConnection connection, MspIdentity identity) {
    Checkpoint checkpoint =
        new Checkpoint(
            "fabric-mode-" + LOGS.incrementAndGet(),
            0,
            Sha256.digest(new byte[0]),
            Instant.now().truncatedTo(ChronoUnit.MILLIS));
    return configuration
        .checkpointAnchor(connection)
        .anchor(
            new CheckpointSigner(identity.privateKey(), identity.certificate()).sign(checkpoint),
            Optional.empty());
  }

  /**
   * The message a start in fabric mode with {@code profile} and {@code mspDirectory} stops with.
   */
  private static String startFailure(Path profile, Path mspDirectory) {
    LedgerProperties properties = properties(Optional.of(profile), Optional.of(mspDirectory));
    FabricLedgerConfiguration configuration = new FabricLedgerConfiguration();
    LedgerStartupException failure =
        catchThrowableOfType(
            LedgerStartupException.class,
            () -> {
              GatewayPeer gateway = configuration.gatewayPeer(properties);
              MspIdentity identity = configuration.ledgerClientIdentity(properties);
              configuration.ledgerConnection(gateway, consortium, properties, identity).close();
            });
    assertThat(failure).as("the start fails").isNotNull();
    assertThat(failure.getMessage()).as("one line").doesNotContain("\n");
    return failure.getMessage();
  }

  private static LedgerProperties properties(
      Optional<Path> connectionProfile, Optional<Path> mspDirectory) {
    return new LedgerProperties(
        LedgerProperties.Mode.FABRIC,
        CHANNEL,
        "energy-market",
        CITY,
        Optional.empty(),
        false,
        Duration.ofMillis(200),
        new LedgerProperties.Fabric(
            connectionProfile.map(Path::toString),
            mspDirectory.map(Path::toString),
            Duration.ofSeconds(10)));
  }

  private static Path profile(String name, int port, boolean mutualTls) {
    Path file = dir.resolve(name);
    ConnectionProfile.writeEmbedded(file, consortium, msps, CITY, port, mutualTls);
    return file;
  }

  private static Path rewrite(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
    return file;
  }

  /** The city's application user's MSP directory in {@code directory}'s cryptogen tree. */
  private static Path userMsp(MspDirectory directory) {
    return directory
        .root()
        .resolve(directory.layout(CITY).userMsp(PeerOrgLayout.USER1))
        .toAbsolutePath()
        .normalize();
  }
}
