package io.twinledger.network.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.network.Consortium;
import io.twinledger.network.msp.MspDirectory;
import io.twinledger.network.msp.OrgMsp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connection profiles: the embedded peer's, written and read back; the test network's, read against
 * a cryptogen tree; and every problem a hand-written one can have, one line each.
 */
class ConnectionProfileTest {

  private static final Consortium CONSORTIUM = Consortium.twinLedger();
  private static final String CITY_PEER = "peer0.cityfinance.twinledger.example";

  @TempDir static Path shared;

  private static MspDirectory msps;
  private static OrgMsp city;

  @TempDir Path work;

  @BeforeAll
  static void generate() {
    msps = MspDirectory.openOrCreate(shared.resolve("fabric"), CONSORTIUM);
    city = msps.organisation("CityFinanceMSP").orElseThrow();
  }

  @Test
  void theEmbeddedPeersProfileNamesItsTlsMaterialAndReadsBack() throws IOException {
    Path file = work.resolve("profiles/cityfinance.json");
    ConnectionProfile.writeEmbedded(file, CONSORTIUM, msps, "CityFinanceMSP", 17051, true);

    JsonNode json = JsonMapper.builder().build().readTree(Files.readString(file));
    JsonNode peer = json.path("peers").path(CITY_PEER);
    assertThat(peer.path("url").asString()).isEqualTo("grpcs://localhost:17051");
    assertThat(peer.path("tlsCACerts").path("path").asString())
        .isEqualTo(msps.tlsCaCertificateFile("CityFinanceMSP").toAbsolutePath().toString())
        .endsWith(
            "fabric/peerOrganizations/cityfinance.twinledger.example/tlsca/"
                + "tlsca.cityfinance.twinledger.example-cert.pem");
    assertThat(peer.path("grpcOptions").path("ssl-target-name-override").asString())
        .isEqualTo(CITY_PEER);
    assertThat(
            json.path("client").path("tlsCerts").path("client").path("key").path("path").asString())
        .endsWith("users/User1@cityfinance.twinledger.example/tls/client.key");
    assertThat(json.path("channels").propertyNames())
        .containsExactly("infra-performance", "energy-market");
    try (var leftovers = Files.list(file.getParent())) {
      assertThat(leftovers.map(p -> p.getFileName().toString()))
          .containsExactly("cityfinance.json");
    }

    GatewayPeer read = GatewayPeer.read(file);

    assertThat(read.mspId()).isEqualTo("CityFinanceMSP");
    assertThat(read.name()).isEqualTo(CITY_PEER);
    assertThat(read.endpoint()).isEqualTo("localhost:17051");
    assertThat(read.tls()).isTrue();
    assertThat(read.authority()).isEqualTo(CITY_PEER);
    assertThat(read.tlsCaCertificates()).containsExactly(city.tlsCaCertificate());
    assertThat(read.clientTls()).isPresent();
    assertThat(read.clientTls().get().certificate()).isEqualTo(city.clientTls().certificate());
    assertThat(read.clientTls().get().privateKey().getEncoded())
        .isEqualTo(city.clientTls().privateKey().getEncoded());

    // Rewritten without mutual TLS, in place.
    ConnectionProfile.writeEmbedded(file, CONSORTIUM, msps, "CityFinanceMSP", 17052, false);
    GatewayPeer plain = GatewayPeer.read(file);
    assertThat(plain.port()).isEqualTo(17052);
    assertThat(plain.clientTls()).isEmpty();
  }

  @Test
  void theTestNetworksProfileReadsAgainstACryptogenTree() throws IOException {
    // network-config/fabric/ as it is after `cryptogen generate`: the checked-in profile, and the
    // TLS CA certificate where cryptogen writes it (here the embedded tree, which is the same).
    Path fabric = work.resolve("fabric");
    Path profile = fabric.resolve("connection-profiles/cityfinance.json");
    Files.createDirectories(profile.getParent());
    Files.copy(Path.of("fabric/connection-profiles/cityfinance.json"), profile);
    Path tlsCa =
        fabric.resolve(
            "crypto-config/peerOrganizations/cityfinance.twinledger.example/tlsca/"
                + "tlsca.cityfinance.twinledger.example-cert.pem");
    Files.createDirectories(tlsCa.getParent());
    Files.copy(msps.tlsCaCertificateFile("CityFinanceMSP"), tlsCa);

    GatewayPeer read = GatewayPeer.read(profile, fabric);

    assertThat(read.endpoint()).isEqualTo("localhost:7051");
    assertThat(read.authority()).isEqualTo(CITY_PEER);
    assertThat(read.tlsCaCertificates()).containsExactly(city.tlsCaCertificate());
    assertThat(read.clientTls()).isEmpty();

    // Relative to the profile's own directory, the path leads nowhere: said on one line.
    assertThatThrownBy(() -> GatewayPeer.read(profile))
        .isInstanceOf(InvalidConnectionProfileException.class)
        .hasMessage(
            profile
                + ": peers."
                + CITY_PEER
                + ".tlsCACerts: MISSING "
                + profile
                    .getParent()
                    .resolve(
                        "crypto-config/peerOrganizations/cityfinance.twinledger.example/tlsca/"
                            + "tlsca.cityfinance.twinledger.example-cert.pem")
                + ": is missing");
  }

  @Test
  void readsInlinePemYamlAndPlainGrpc() throws IOException {
    String pem = Files.readString(msps.tlsCaCertificateFile("CityFinanceMSP"));
    Path userTls = msps.root().resolve(msps.layout("CityFinanceMSP").userTls("User1"));
    Path yaml = work.resolve("profile.yaml");
    Files.writeString(
        yaml,
        """
        client:
          organization: CityFinanceMSP
          tlsCerts:
            client:
              cert:
                pem: |
        %s
              key:
                pem: |
        %s
        organizations:
          CityFinanceMSP:
            mspid: CityFinanceMSP
            peers: [peer0]
        peers:
          peer0:
            url: grpcs://10.0.0.5:7051
            tlsCACerts:
              pem: |
        %s
            grpcOptions:
              hostnameOverride: peer0.example
        """
            .formatted(
                Files.readString(userTls.resolve("client.crt")).indent(10).stripTrailing(),
                Files.readString(userTls.resolve("client.key")).indent(10).stripTrailing(),
                pem.indent(10).stripTrailing()));
    GatewayPeer read = GatewayPeer.read(yaml);
    assertThat(read.clientTls().orElseThrow().certificate())
        .isEqualTo(city.clientTls().certificate());
    assertThat(read.clientTls().orElseThrow().privateKey().getEncoded())
        .isEqualTo(city.clientTls().privateKey().getEncoded());
    assertThat(read.host()).isEqualTo("10.0.0.5");
    assertThat(read.authority()).isEqualTo("peer0.example");
    assertThat(read.tlsCaCertificates()).containsExactly(city.tlsCaCertificate());

    Path plain = work.resolve("plain.json");
    Files.writeString(
        plain,
        """
        {"client": {"organization": "Org1"},
         "organizations": {"Org1": {"mspid": "Org1MSP", "peers": ["p"]}},
         "peers": {"p": {"url": "grpc://localhost:7051"}}}
        """);
    GatewayPeer insecure = GatewayPeer.read(plain);
    assertThat(insecure.tls()).isFalse();
    assertThat(insecure.mspId()).isEqualTo("Org1MSP");
    assertThat(insecure.tlsCaCertificates()).isEmpty();
    assertThat(insecure.authority()).isEqualTo("localhost");
  }

  @Test
  void reportsEveryProblemOnALineOfItsOwn() throws IOException {
    Path file = work.resolve("bad.json");
    String garbage = Base64.getEncoder().encodeToString("not a certificate".getBytes());
    Files.writeString(
        file,
        """
        {"client": {"organization": "Org1",
                    "tlsCerts": {"client": {"cert": {"path": "client.crt"}}}},
         "organizations": {"Org1": {"peers": ["p"]}},
         "peers": {"p": {"url": "localhost:7051",
                         "tlsCACerts": {"pem": "-----BEGIN CERTIFICATE-----\\n%s\\n-----END CERTIFICATE-----\\n"}}}}
        """
            .formatted(garbage));
    assertThatThrownBy(() -> GatewayPeer.read(file))
        .isInstanceOfSatisfying(
            InvalidConnectionProfileException.class,
            e -> {
              assertThat(e.problems()).hasSize(4);
              assertThat(e.problems().get(0)).isEqualTo("organizations.Org1.mspid: missing");
              assertThat(e.problems().get(1))
                  .isEqualTo(
                      "peers.p.url: \"localhost:7051\" is not a grpcs://host:port or"
                          + " grpc://host:port URL");
              assertThat(e.problems().get(2)).startsWith("peers.p.tlsCACerts: CORRUPT ");
              assertThat(e.problems().get(3))
                  .isEqualTo("client.tlsCerts.client: needs both cert and key for mutual TLS");
              assertThat(e.getMessage().lines())
                  .hasSize(4)
                  .allMatch(l -> l.startsWith(file + ": "));
            });
  }

  @Test
  void refusesProfilesThatNameNoUsablePeer() throws IOException {
    for (var bad :
        List.of(
            List.of(
                "{\"client\": {\"organization\": \"Org9\"}, \"organizations\": {\"Org1\": {}}}",
                "client.organization: Org9 is not in organizations (has Org1)"),
            List.of(
                "{\"organizations\": {\"Org1\": {}, \"Org2\": {}}}",
                "client.organization: missing, and the profile has 2 organizations to choose from"),
            List.of(
                "{\"organizations\": {\"Org1\": {\"mspid\": \"Org1MSP\", \"peers\": [\"p\"]}}}",
                "peers.p: missing; organizations.Org1 names it"),
            List.of(
                "{\"organizations\": {\"Org1\": {\"mspid\": \"Org1MSP\", \"peers\": [\"p\"]}},"
                    + " \"peers\": {\"p\": {\"url\": \"grpcs://localhost:7051\"}}}",
                "peers.p.tlsCACerts: needs a path or a pem"),
            List.of("[1, 2]", "is not a JSON object"),
            List.of("{\"a\": [", "is not JSON or YAML"))) {
      Path file = work.resolve("profile.json");
      Files.writeString(file, bad.get(0));
      assertThatThrownBy(() -> GatewayPeer.read(file))
          .as(bad.get(0))
          .isInstanceOf(InvalidConnectionProfileException.class)
          .hasMessageStartingWith(file + ": " + bad.get(1));
    }
    assertThatThrownBy(() -> GatewayPeer.read(work.resolve("absent.json")))
        .hasMessage(work.resolve("absent.json") + ": no such file");
  }

  @Test
  void refusesAClientKeyReadableByOthers() throws IOException {
    Path file = work.resolve("mtls.json");
    ConnectionProfile.writeEmbedded(file, CONSORTIUM, msps, "CityFinanceMSP", 17051, true);
    Path key =
        msps.root().resolve(msps.layout("CityFinanceMSP").userTls("User1")).resolve("client.key");
    Path copy = work.resolve("client.key");
    Files.copy(key, copy, StandardCopyOption.COPY_ATTRIBUTES);
    Files.writeString(file, Files.readString(file).replace(key.toString(), copy.toString()));
    Files.setPosixFilePermissions(
        copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> GatewayPeer.read(file))
        .isInstanceOf(InvalidConnectionProfileException.class)
        .hasMessageContaining("client.tlsCerts.client.key: KEY_NOT_PRIVATE " + copy);
  }
}
