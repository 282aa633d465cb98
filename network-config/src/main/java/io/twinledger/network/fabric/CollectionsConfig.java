package io.twinledger.network.fabric;

import io.twinledger.network.chaincode.ChaincodeDefinition;
import io.twinledger.network.chaincode.PrivateDataCollection;
import io.twinledger.network.policy.PrincipalRole;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chaincode definition's {@code collections_config.json}, as {@code peer lifecycle chaincode
 * approveformyorg/commit --collections-config} takes it. Each collection's {@code policy} admits
 * any member's identities.
 */
public final class CollectionsConfig {

  private CollectionsConfig() {}

  /** Where the file of {@code chaincode} goes. */
  public static String path(ChaincodeDefinition chaincode) {
    return "collections/" + chaincode.name() + "/collections_config.json";
  }

  /** The file's text. */
  public static String render(ChaincodeDefinition chaincode) {
    ArrayNode root = Documents.array();
    for (PrivateDataCollection collection : chaincode.collections()) {
      ObjectNode entry = root.addObject();
      entry.put("name", collection.name());
      entry.put("policy", collection.memberPolicy().signaturePolicy(PrincipalRole.MEMBER));
      entry.put("requiredPeerCount", collection.requiredPeerCount());
      entry.put("maxPeerCount", collection.maxPeerCount());
      entry.put("blockToLive", collection.blockToLive());
      entry.put("memberOnlyRead", collection.memberOnlyRead());
      entry.put("memberOnlyWrite", collection.memberOnlyWrite());
    }
    return Documents.json(root);
  }
}
