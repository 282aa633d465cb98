package io.twinledger.network.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.network.Consortium;
import io.twinledger.network.chaincode.ChaincodeDefinition;
import io.twinledger.network.channel.Channel;
import io.twinledger.network.org.Organisation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The generated files parse as YAML or JSON and agree with the consortium and with each other:
 * every organisation, channel, policy and address in one appears, the same, in the others.
 */
class FabricFilesConsistencyTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Consortium consortium = Consortium.twinLedger();
  private final Map<String, String> files =
      FabricNetworkFiles.generate(consortium).stream()
          .collect(Collectors.toMap(FabricFile::path, FabricFile::content));

  private JsonNode yaml(String path) {
    return YAML.readTree(files.get(path));
  }

  private JsonNode json(String path) {
    return JSON.readTree(files.get(path));
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.get(field).asString()));
    return values;
  }

  @Test
  void cryptogenMakesEveryOrganisationWithNodeOus() {
    JsonNode crypto = yaml(CryptoConfig.FILE);
    assertThat(texts(crypto.get("PeerOrgs"), "Domain"))
        .containsExactlyElementsOf(
            consortium.organisations().stream().map(Organisation::domain).toList());
    crypto
        .get("PeerOrgs")
        .forEach(org -> assertThat(org.get("EnableNodeOUs").asBoolean()).isTrue());
    JsonNode orderer = crypto.get("OrdererOrgs").get(0);
    assertThat(orderer.get("Domain").asString()).isEqualTo(consortium.orderer().domain());
    assertThat(orderer.get("Specs").get(0).get("Hostname").asString())
        .isEqualTo(consortium.orderer().hostname());
  }

  @Test
  void configtxDefinesEveryOrganisationWithNodeOuPolicies() {
    JsonNode organisations = yaml(ConfigTx.FILE).get("Organizations");
    Map<String, JsonNode> byId = byField(organisations, "ID");
    assertThat(byId.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(
                    Stream.of(consortium.orderer().mspId()),
                    consortium.organisations().stream().map(Organisation::mspId))
                .toList());
    for (Organisation org : consortium.organisations()) {
      JsonNode definition = byId.get(org.mspId());
      assertThat(definition.get("MSPDir").asString())
          .isEqualTo("crypto-config/peerOrganizations/" + org.domain() + "/msp");
      JsonNode policies = definition.get("Policies");
      String id = org.mspId();
      assertThat(policies.get("Readers").get("Rule").asString())
          .isEqualTo("OR('" + id + ".admin','" + id + ".peer','" + id + ".client')");
      assertThat(policies.get("Writers").get("Rule").asString())
          .isEqualTo("OR('" + id + ".admin','" + id + ".client')");
      assertThat(policies.get("Admins").get("Rule").asString()).isEqualTo("OR('" + id + ".admin')");
      assertThat(policies.get("Endorsement").get("Rule").asString())
          .isEqualTo("OR('" + id + ".peer')");
      JsonNode anchor = definition.get("AnchorPeers").get(0);
      assertThat(anchor.get("Host").asString()).isEqualTo(org.peerHost());
      assertThat(anchor.get("Port").asInt()).isEqualTo(org.peerPort());
    }
  }

  @Test
  void configtxHasAProfilePerChannelWithItsMembersAndV25() {
    JsonNode profiles = yaml(ConfigTx.FILE).get("Profiles");
    assertThat(profiles.propertyNames())
        .containsExactly("InfraPerformanceChannel", "EnergyMarketChannel");
    for (Channel channel : consortium.channels()) {
      JsonNode profile = profiles.get(ConfigTx.profileName(channel));
      JsonNode application = profile.get("Application");
      assertThat(texts(application.get("Organizations"), "ID"))
          .containsExactlyElementsOf(channel.members());
      assertThat(application.get("Capabilities").get("V2_5").asBoolean()).isTrue();
      assertThat(application.get("Policies").get("LifecycleEndorsement").get("Rule").asString())
          .isEqualTo("MAJORITY Endorsement");
      JsonNode orderer = profile.get("Orderer");
      assertThat(orderer.get("OrdererType").asString()).isEqualTo("etcdraft");
      assertThat(orderer.get("BatchTimeout").asString()).isEqualTo("2s");
      assertThat(orderer.get("BatchSize").get("MaxMessageCount").asInt()).isEqualTo(500);
      JsonNode consenter = orderer.get("EtcdRaft").get("Consenters").get(0);
      assertThat(consenter.get("Host").asString()).isEqualTo(consortium.orderer().host());
      assertThat(consenter.get("ServerTLSCert").asString())
          .startsWith(
              "crypto-config/ordererOrganizations/" + consortium.orderer().domain() + "/orderers/");
      assertThat(texts(orderer.get("Organizations"), "ID"))
          .containsExactly(consortium.orderer().mspId());
    }
  }

  @Test
  void composeRunsTheOrdererEveryPeerAndTheChaincodeServer() {
    JsonNode services = yaml(DockerCompose.FILE).get("services");
    JsonNode orderer = services.get(consortium.orderer().host());
    assertThat(orderer.get("environment").get("ORDERER_GENERAL_LOCALMSPID").asString())
        .isEqualTo(consortium.orderer().mspId());
    assertThat(orderer.get("image").asString()).startsWith("hyperledger/fabric-orderer:");
    assertThat(publishedPorts(orderer))
        .containsExactly(consortium.orderer().port(), consortium.orderer().adminPort());
    for (Organisation org : consortium.organisations()) {
      JsonNode peer = services.get(org.peerHost());
      assertThat(peer).as(org.peerHost()).isNotNull();
      JsonNode env = peer.get("environment");
      assertThat(env.get("CORE_PEER_LOCALMSPID").asString()).isEqualTo(org.mspId());
      assertThat(env.get("CORE_PEER_ADDRESS").asString())
          .isEqualTo(org.peerHost() + ":" + org.peerPort());
      assertThat(env.get("CORE_PEER_TLS_ENABLED").asString()).isEqualTo("true");
      assertThat(publishedPorts(peer)).containsExactly(org.peerPort());
      assertThat(peer.get("volumes").get(0).asString())
          .startsWith(
              "./crypto-config/peerOrganizations/"
                  + org.domain()
                  + "/peers/"
                  + org.peerHost()
                  + "/msp:");
    }
    JsonNode chaincode = services.get(consortium.chaincode().host());
    assertThat(chaincode.get("hostname").asString()).isEqualTo(consortium.chaincode().host());
    assertThat(chaincode.get("environment").get("CHAINCODE_SERVER_ADDRESS").asString())
        .isEqualTo("0.0.0.0:" + consortium.chaincode().port());
    assertThat(chaincode.get("environment").get("CORE_CHAINCODE_ID_NAME").asString())
        .isEqualTo("${TWINLEDGER_PACKAGE_ID:-}");
    assertThat(chaincode.get("command").get(2).asString())
        .contains("org.hyperledger.fabric.contract.ContractRouter");
    assertThat(services.size()).isEqualTo(consortium.organisations().size() + 2);
  }

  private static List<Integer> publishedPorts(JsonNode service) {
    List<Integer> ports = new ArrayList<>();
    service.get("ports").forEach(p -> ports.add(Integer.parseInt(p.get("published").asString())));
    return ports;
  }

  @Test
  void connectionProfilesReachEachOrganisationsPeerOverTls() {
    for (Organisation org : consortium.organisations()) {
      JsonNode profile = json(ConnectionProfile.path(org));
      assertThat(profile.get("client").get("organization").asString()).isEqualTo(org.mspId());
      assertThat(profile.get("organizations").get(org.mspId()).get("mspid").asString())
          .isEqualTo(org.mspId());
      JsonNode peer = profile.get("peers").get(org.peerHost());
      assertThat(peer.get("url").asString()).isEqualTo("grpcs://localhost:" + org.peerPort());
      assertThat(peer.get("tlsCACerts").get("path").asString())
          .isEqualTo(
              "crypto-config/peerOrganizations/"
                  + org.domain()
                  + "/tlsca/tlsca."
                  + org.domain()
                  + "-cert.pem");
      assertThat(profile.get("channels").propertyNames())
          .containsExactlyElementsOf(
              consortium.channelsOf(org.mspId()).stream().map(Channel::name).toList());
    }
  }

  @Test
  void chaincodePackageIsCcaasDialledAtTheComposeService() {
    JsonNode metadata = json(ChaincodePackageFiles.METADATA);
    assertThat(metadata.get("type").asString()).isEqualTo("ccaas");
    assertThat(metadata.get("label").asString()).isEqualTo(consortium.chaincode().label());
    JsonNode connection = json(ChaincodePackageFiles.CONNECTION);
    assertThat(connection.get("address").asString()).isEqualTo("twinledger-chaincode:9999");
    assertThat(connection.get("dial_timeout").asString()).isEqualTo("10s");
    assertThat(connection.get("tls_required").asBoolean()).isFalse();
    assertThat(yaml(DockerCompose.FILE).get("services").has(consortium.chaincode().host()))
        .isTrue();
  }

  @Test
  void collectionsConfigMatchesTheModel() {
    ChaincodeDefinition energy =
        consortium
            .channel("energy-market")
            .orElseThrow()
            .chaincode("twinledger-energy")
            .orElseThrow();
    JsonNode collections = json(CollectionsConfig.path(energy));
    assertThat(collections.size()).isEqualTo(1);
    JsonNode meter = collections.get(0);
    assertThat(meter.get("name").asString()).isEqualTo("residentMeterData");
    assertThat(meter.get("policy").asString())
        .isEqualTo("OR('EnergyCommunityMSP.member','IndependentAuditorMSP.member')");
    assertThat(meter.get("requiredPeerCount").asInt()).isEqualTo(1);
    assertThat(meter.get("maxPeerCount").asInt()).isEqualTo(1);
    assertThat(meter.get("blockToLive").asLong()).isZero();
    assertThat(meter.get("memberOnlyRead").asBoolean()).isTrue();
    assertThat(meter.get("memberOnlyWrite").asBoolean()).isTrue();
    assertThat(files.keySet().stream().filter(p -> p.startsWith("collections/")))
        .containsExactly(CollectionsConfig.path(energy));
  }

  private static Map<String, JsonNode> byField(JsonNode array, String field) {
    List<JsonNode> nodes = new ArrayList<>();
    array.forEach(nodes::add);
    return nodes.stream()
        .collect(Collectors.toMap(n -> n.get(field).asString(), Function.identity()));
  }
}
