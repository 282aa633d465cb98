package io.twinledger.ledger.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.twinledger.ledger.peer.fixture.PeerFixture;
import io.twinledger.ledger.peer.fixture.TestIdentity;
import io.twinledger.ledger.peer.fixture.TlsAuthority;
import io.twinledger.ledger.peer.fixture.TlsIdentity;
import io.twinledger.ledger.peer.hash.Digests;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer's TCP listener with TLS and mutual TLS, reached by the real fabric-gateway client over
 * Netty with TLS, as a client in another process reaches a Fabric peer: the handshake's failures
 * (an untrusted server, a name the certificate does not carry, a missing or unknown client
 * certificate) leave the client {@code UNAVAILABLE}.
 */
class TlsTest {

  private static final String PEER_NAME = "peer0.org1.example.com";

  private static PeerFixture fixture;
  private static TlsAuthority org1Tls;
  private static TlsAuthority org2Tls;
  private static TlsAuthority unknownTls;
  private static TlsIdentity org2Client;
  private static int tlsPort;
  private static int mutualTlsPort;
  private static int namedPort;

  @BeforeAll
  static void start() {
    fixture = PeerFixture.start();
    org1Tls = TlsAuthority.create("Org1MSP", "org1.example.com");
    org2Tls = TlsAuthority.create("Org2MSP", "org2.example.com");
    unknownTls = TlsAuthority.create("Org1MSP", "org1.example.com");
    org2Client = org2Tls.issueClient("client2");
    TlsSettings server = org1Tls.issueLoopbackServer(PEER_NAME).serverSettings();
    tlsPort = fixture.peer().serveTls(0, server);
    mutualTlsPort =
        fixture
            .peer()
            .serveTls(0, server.requireClientCertificates(List.of(org2Tls.certificate())));
    namedPort =
        fixture.peer().serveTls(0, org1Tls.issue(PEER_NAME, List.of(), List.of()).serverSettings());
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void submitsAndEvaluatesOverTls() throws Exception {
    Contract contract =
        contract(fixture.org1Client, channel("localhost", tlsPort, org1Tls, Optional.empty()));

    contract.submitTransaction("put", "tls-1", "over TLS");

    assertThat(new String(contract.evaluateTransaction("get", "tls-1"), StandardCharsets.UTF_8))
        .isEqualTo("over TLS");
  }

  @Test
  void submitsOverMutualTlsWithAClientCertificateOfATrustedTlsCa() throws Exception {
    Contract contract =
        contract(
            fixture.org2Client,
            channel("127.0.0.1", mutualTlsPort, org1Tls, Optional.of(org2Client)));

    contract.submitTransaction("put", "mtls-1", "over mutual TLS");

    assertThat(new String(contract.evaluateTransaction("get", "mtls-1"), StandardCharsets.UTF_8))
        .isEqualTo("over mutual TLS");
  }

  @Test
  void aClientTrustingAnotherCaFailsTheHandshake() throws Exception {
    Contract contract =
        contract(fixture.org1Client, channel("localhost", tlsPort, unknownTls, Optional.empty()));

    assertUnavailable(contract);
  }

  @Test
  void aServerNameTheCertificateDoesNotCarryFailsUnlessTheAuthorityIsOverridden() throws Exception {
    Contract byAddress =
        contract(fixture.org1Client, channel("127.0.0.1", namedPort, org1Tls, Optional.empty()));
    Contract wrongName =
        contract(
            fixture.org1Client,
            tlsChannel("127.0.0.1", tlsPort, org1Tls, Optional.empty(), "peer1.org1.example.com"));
    Contract overridden =
        contract(
            fixture.org1Client,
            tlsChannel("127.0.0.1", namedPort, org1Tls, Optional.empty(), PEER_NAME));

    assertUnavailable(byAddress);
    assertUnavailable(wrongName);
    assertThat(overridden.evaluateTransaction("whoAmI")).isNotEmpty();
  }

  @Test
  void mutualTlsRefusesAClientWithoutACertificate() throws Exception {
    Contract contract =
        contract(
            fixture.org2Client, channel("localhost", mutualTlsPort, org1Tls, Optional.empty()));

    assertUnavailable(contract);
  }

  @Test
  void mutualTlsRefusesAClientCertificateOfAnUnknownCa() throws Exception {
    TlsIdentity stranger = unknownTls.issueClient("client2");
    Contract contract =
        contract(
            fixture.org2Client,
            channel("localhost", mutualTlsPort, org1Tls, Optional.of(stranger)));

    assertUnavailable(contract);
  }

  @Test
  void plaintextClientsAreNotServedOnTheTlsPort() throws Exception {
    ManagedChannel plaintext =
        NettyChannelBuilder.forAddress("127.0.0.1", tlsPort).usePlaintext().build();
    Contract contract = contract(fixture.org1Client, plaintext);

    assertUnavailable(contract);
  }

  @Test
  void blockEventsOverMutualTlsCarryTheHashOfTheClientCertificate() throws Exception {
    byte[] ownHash = Digests.sha256(org2Client.certificate().getEncoded()).toByteArray();
    byte[] otherHash =
        Digests.sha256(org2Tls.issueClient("client3").certificate().getEncoded()).toByteArray();
    fixture
        .connect(fixture.org2Client)
        .getNetwork(PeerFixture.CHANNEL)
        .getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT)
        .submitTransaction("put", "mtls-events", "x");

    Block first = firstBlock(mutualTlsNetwork(Optional.of(ownHash)));

    assertThat(first.getHeader().getNumber()).isZero();
    assertThatThrownBy(() -> firstBlock(mutualTlsNetwork(Optional.empty())))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("BAD_REQUEST");
    assertThatThrownBy(() -> firstBlock(mutualTlsNetwork(Optional.of(otherHash))))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("BAD_REQUEST");
  }

  @Test
  void servesWithACertificateAndKeyFromPemFiles(@TempDir Path directory) throws Exception {
    TlsIdentity server = org1Tls.issueLoopbackServer(PEER_NAME);
    Path certificate = directory.resolve("server.crt");
    Path key = directory.resolve("server.key");
    Files.writeString(certificate, pem(server.certificate()));
    Files.writeString(key, pem(new JcaPKCS8Generator(server.privateKey(), null)));
    int port = fixture.peer().serveTls(0, TlsSettings.fromPem(certificate, key));
    Contract contract =
        contract(fixture.org1Client, channel("localhost", port, org1Tls, Optional.empty()));

    assertThat(contract.evaluateTransaction("whoAmI")).isNotEmpty();
    assertThat(TlsSettings.readCertificates(certificate)).containsExactly(server.certificate());
  }

  @Test
  void aKeyFileThatIsNotPkcs8IsRefusedByName(@TempDir Path directory) throws Exception {
    Path certificate = directory.resolve("server.crt");
    Path key = directory.resolve("server.key");
    TlsIdentity server = org1Tls.issueLoopbackServer(PEER_NAME);
    Files.writeString(certificate, pem(server.certificate()));
    Files.writeString(key, pem(server.certificate()));

    assertThatThrownBy(() -> TlsSettings.fromPem(certificate, key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("server.key")
        .hasMessageContaining("PKCS#8");
    assertThatThrownBy(() -> TlsSettings.readCertificates(key.resolveSibling("missing.crt")))
        .hasMessageContaining("missing.crt");
  }

  private static Network mutualTlsNetwork(Optional<byte[]> hash) throws SSLException {
    return fixture
        .connect(
            fixture.org2Client,
            channel("localhost", mutualTlsPort, org1Tls, Optional.of(org2Client)),
            hash)
        .getNetwork(PeerFixture.CHANNEL);
  }

  private static Block firstBlock(Network network) {
    try (CloseableIterator<Block> blocks =
        network.newBlockEventsRequest().startBlock(0).build().getEvents()) {
      return blocks.next();
    }
  }

  private static void assertUnavailable(Contract contract) {
    GatewayException failure =
        catchThrowableOfType(GatewayException.class, () -> contract.evaluateTransaction("whoAmI"));

    assertThat(failure).as("the call should fail").isNotNull();
    assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }

  private static Contract contract(TestIdentity identity, ManagedChannel channel) {
    Gateway gateway = fixture.connect(identity, channel, Optional.empty());
    return gateway
        .getNetwork(PeerFixture.CHANNEL)
        .getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT);
  }

  private static ManagedChannel channel(
      String host, int port, TlsAuthority trusted, Optional<TlsIdentity> client)
      throws SSLException {
    return builder(host, port, trusted, client).build();
  }

  private static ManagedChannel tlsChannel(
      String host, int port, TlsAuthority trusted, Optional<TlsIdentity> client, String authority)
      throws SSLException {
    return builder(host, port, trusted, client).overrideAuthority(authority).build();
  }

  private static NettyChannelBuilder builder(
      String host, int port, TlsAuthority trusted, Optional<TlsIdentity> client)
      throws SSLException {
    SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(trusted.certificate());
    client.ifPresent(identity -> ssl.keyManager(identity.privateKey(), identity.certificate()));
    return NettyChannelBuilder.forAddress(host, port).sslContext(ssl.build());
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }
}
