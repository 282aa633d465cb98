package io.twinledger.network.fabric;

import io.twinledger.network.Consortium;
import io.twinledger.network.chaincode.ChaincodePackage;
import io.twinledger.network.org.OrdererOrganisation;
import io.twinledger.network.org.Organisation;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code docker-compose.yaml} for a small test network: one etcdraft orderer with the channel
 * participation API, one peer per organisation (LevelDB, TLS), and, in the compose profile {@code
 * chaincode}, the chaincode-as-a-service container running the contracts jar.
 *
 * <p>Each peer listens on its configured port inside its container as well as on the Docker host,
 * so its gossip endpoint and its address from the host differ only in the host name. The Fabric
 * images' own {@code core.yaml} already declares the CCaaS external builder.
 */
public final class DockerCompose {

  static final String FILE = "docker-compose.yaml";

  /** The network's image tag, overridable with {@code FABRIC_VERSION}. */
  static final String FABRIC_VERSION = "${FABRIC_VERSION:-2.5}";

  /** The chaincode's class path inside its container, filled from the contracts module's build. */
  static final String CHAINCODE_LIBRARIES = "../../contracts/chaincode/target/chaincode";

  private static final String NETWORK = "twinledger";
  private static final String ORDERER_HOME = "/var/hyperledger/orderer";
  private static final String PEER_HOME = "/etc/hyperledger/fabric";

  private DockerCompose() {}

  /** The file's text. */
  public static String render(Consortium consortium) {
    ObjectNode root = Documents.object();
    root.put("name", consortium.name());
    root.putObject("networks").putObject(NETWORK).put("name", consortium.name());
    ObjectNode volumes = root.putObject("volumes");
    volumes.putObject(consortium.orderer().host());
    consortium.organisations().forEach(org -> volumes.putObject(org.peerHost()));
    ObjectNode services = root.putObject("services");
    services.set(consortium.orderer().host(), orderer(consortium.orderer()));
    for (Organisation org : consortium.organisations()) {
      services.set(org.peerHost(), peer(org, consortium.orderer()));
    }
    services.set(consortium.chaincode().host(), chaincode(consortium.chaincode()));
    return Documents.yaml(
        """
        Generated from network-config/src/main/resources/network/consortium.yaml by
        io.twinledger.network.fabric.FabricNetworkFiles: do not edit, regenerate (docs/fabric-network.md).
        docker compose up -d                      (orderer and peers)
        docker compose --profile chaincode up -d  (then the chaincode, once TWINLEDGER_PACKAGE_ID is set)""",
        root);
  }

  private static ObjectNode orderer(OrdererOrganisation orderer) {
    ObjectNode service = service("hyperledger/fabric-orderer:" + FABRIC_VERSION, orderer.host());
    ObjectNode env = service.putObject("environment");
    env.put("FABRIC_LOGGING_SPEC", "INFO");
    env.put("ORDERER_GENERAL_LISTENADDRESS", "0.0.0.0");
    env.put("ORDERER_GENERAL_LISTENPORT", String.valueOf(orderer.port()));
    env.put("ORDERER_GENERAL_LOCALMSPID", orderer.mspId());
    env.put("ORDERER_GENERAL_LOCALMSPDIR", ORDERER_HOME + "/msp");
    env.put("ORDERER_GENERAL_TLS_ENABLED", "true");
    env.put("ORDERER_GENERAL_TLS_PRIVATEKEY", ORDERER_HOME + "/tls/server.key");
    env.put("ORDERER_GENERAL_TLS_CERTIFICATE", ORDERER_HOME + "/tls/server.crt");
    env.put("ORDERER_GENERAL_TLS_ROOTCAS", "[" + ORDERER_HOME + "/tls/ca.crt]");
    env.put("ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE", ORDERER_HOME + "/tls/server.crt");
    env.put("ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY", ORDERER_HOME + "/tls/server.key");
    env.put("ORDERER_GENERAL_CLUSTER_ROOTCAS", "[" + ORDERER_HOME + "/tls/ca.crt]");
    // No system channel: channels are joined through the channel participation API.
    env.put("ORDERER_GENERAL_BOOTSTRAPMETHOD", "none");
    env.put("ORDERER_CHANNELPARTICIPATION_ENABLED", "true");
    env.put("ORDERER_ADMIN_LISTENADDRESS", "0.0.0.0:" + orderer.adminPort());
    env.put("ORDERER_ADMIN_TLS_ENABLED", "true");
    env.put("ORDERER_ADMIN_TLS_CERTIFICATE", ORDERER_HOME + "/tls/server.crt");
    env.put("ORDERER_ADMIN_TLS_PRIVATEKEY", ORDERER_HOME + "/tls/server.key");
    env.put("ORDERER_ADMIN_TLS_ROOTCAS", "[" + ORDERER_HOME + "/tls/ca.crt]");
    env.put("ORDERER_ADMIN_TLS_CLIENTROOTCAS", "[" + ORDERER_HOME + "/tls/ca.crt]");
    service.put("command", "orderer");
    ArrayNode volumes = service.putArray("volumes");
    String node = "./" + CryptoLayout.ordererNode(orderer);
    volumes.add(node + "/msp:" + ORDERER_HOME + "/msp:ro");
    volumes.add(node + "/tls:" + ORDERER_HOME + "/tls:ro");
    volumes.add(orderer.host() + ":/var/hyperledger/production/orderer");
    ArrayNode ports = service.putArray("ports");
    port(ports, orderer.port());
    port(ports, orderer.adminPort());
    return service;
  }

  private static ObjectNode peer(Organisation org, OrdererOrganisation orderer) {
    ObjectNode service = service("hyperledger/fabric-peer:" + FABRIC_VERSION, org.peerHost());
    String address = org.peerHost() + ":" + org.peerPort();
    ObjectNode env = service.putObject("environment");
    env.put("FABRIC_LOGGING_SPEC", "INFO");
    env.put("CORE_PEER_ID", org.peerHost());
    env.put("CORE_PEER_ADDRESS", address);
    env.put("CORE_PEER_LISTENADDRESS", "0.0.0.0:" + org.peerPort());
    env.put("CORE_PEER_CHAINCODEADDRESS", org.peerHost() + ":" + org.chaincodePort());
    env.put("CORE_PEER_CHAINCODELISTENADDRESS", "0.0.0.0:" + org.chaincodePort());
    env.put("CORE_PEER_GOSSIP_BOOTSTRAP", address);
    env.put("CORE_PEER_GOSSIP_EXTERNALENDPOINT", address);
    env.put("CORE_PEER_LOCALMSPID", org.mspId());
    env.put("CORE_PEER_MSPCONFIGPATH", PEER_HOME + "/msp");
    env.put("CORE_PEER_TLS_ENABLED", "true");
    env.put("CORE_PEER_TLS_CERT_FILE", PEER_HOME + "/tls/server.crt");
    env.put("CORE_PEER_TLS_KEY_FILE", PEER_HOME + "/tls/server.key");
    env.put("CORE_PEER_TLS_ROOTCERT_FILE", PEER_HOME + "/tls/ca.crt");
    env.put("CORE_PEER_PROFILE_ENABLED", "false");
    env.put("CORE_LEDGER_STATE_STATEDATABASE", "goleveldb");
    service.put("command", "peer node start");
    ArrayNode volumes = service.putArray("volumes");
    String node = "./" + CryptoLayout.peerNode(org);
    volumes.add(node + "/msp:" + PEER_HOME + "/msp:ro");
    volumes.add(node + "/tls:" + PEER_HOME + "/tls:ro");
    volumes.add(org.peerHost() + ":/var/hyperledger/production");
    port(service.putArray("ports"), org.peerPort());
    service.putArray("depends_on").add(orderer.host());
    return service;
  }

  private static ObjectNode chaincode(ChaincodePackage chaincode) {
    ObjectNode service = service("eclipse-temurin:21-jre", chaincode.host());
    service.put("hostname", chaincode.host());
    service.putArray("profiles").add("chaincode");
    ObjectNode env = service.putObject("environment");
    env.put("CHAINCODE_SERVER_ADDRESS", "0.0.0.0:" + chaincode.port());
    env.put("CORE_CHAINCODE_ID_NAME", "${TWINLEDGER_PACKAGE_ID:-}");
    // connection.json says tls_required false: the server must speak plaintext.
    env.put("CORE_PEER_TLS_ENABLED", "false");
    // $$ is a literal $ for the shell; compose would otherwise interpolate it.
    service
        .putArray("command")
        .add("sh")
        .add("-c")
        .add(
            "test -n \"$$CORE_CHAINCODE_ID_NAME\" || { echo 'Set TWINLEDGER_PACKAGE_ID to the"
                + " installed package id (peer lifecycle chaincode calculatepackageid)' >&2; exit"
                + " 1; }; exec java -cp '/chaincode/*' org.hyperledger.fabric.contract.ContractRouter");
    service.putArray("volumes").add(CHAINCODE_LIBRARIES + ":/chaincode:ro");
    return service;
  }

  private static ObjectNode service(String image, String containerName) {
    ObjectNode service = Documents.object();
    service.put("image", image);
    service.put("container_name", containerName);
    service.putArray("networks").add(NETWORK);
    return service;
  }

  /** The long port syntax: a bare {@code 7051:7051} is a base-60 number to YAML 1.1 readers. */
  private static void port(ArrayNode ports, int port) {
    ObjectNode mapping = ports.addObject();
    mapping.put("target", port);
    mapping.put("published", String.valueOf(port));
  }
}
