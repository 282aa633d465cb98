package io.twinledger.network.fabric;

import io.twinledger.network.Consortium;
import io.twinledger.network.org.Organisation;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code crypto-config.yaml} for {@code cryptogen}: the orderer organisation with its one node and
 * every member organisation with one peer, an admin and one user, all with NodeOUs enabled. TLS
 * certificates also name {@code localhost}, so that clients on the Docker host need no host-name
 * override.
 */
public final class CryptoConfig {

  static final String FILE = "crypto-config.yaml";

  private CryptoConfig() {}

  /** The file's text. */
  public static String render(Consortium consortium) {
    ObjectNode root = Documents.object();
    ObjectNode orderer = root.putArray("OrdererOrgs").addObject();
    orderer.put("Name", consortium.orderer().name());
    orderer.put("Domain", consortium.orderer().domain());
    orderer.put("EnableNodeOUs", true);
    ObjectNode spec = orderer.putArray("Specs").addObject();
    spec.put("Hostname", consortium.orderer().hostname());
    localhost(spec);
    ArrayNode peers = root.putArray("PeerOrgs");
    for (Organisation org : consortium.organisations()) {
      ObjectNode peerOrg = peers.addObject();
      peerOrg.put("Name", org.mspId().replaceFirst("MSP$", ""));
      peerOrg.put("Domain", org.domain());
      peerOrg.put("EnableNodeOUs", true);
      ObjectNode template = peerOrg.putObject("Template");
      template.put("Count", 1);
      localhost(template);
      peerOrg.putObject("Users").put("Count", 1);
    }
    return Documents.yaml(
        """
        Generated from network-config/src/main/resources/network/consortium.yaml by
        io.twinledger.network.fabric.FabricNetworkFiles: do not edit, regenerate (docs/fabric-network.md).
        cryptogen generate --config=crypto-config.yaml --output=crypto-config""",
        root);
  }

  private static void localhost(ObjectNode node) {
    node.putArray("SANS").add("localhost").add("127.0.0.1");
  }
}
