package io.twinledger.network.fabric;

import io.twinledger.network.chaincode.ChaincodePackage;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two files of the chaincode-as-a-service package: {@code metadata.json} (type {@code ccaas}
 * and the label) and {@code connection.json} (where peers dial the chaincode server). The package
 * is {@code metadata.json} beside {@code code.tar.gz}, which holds {@code connection.json}; see
 * docs/fabric-network.md.
 */
public final class ChaincodePackageFiles {

  static final String METADATA = "chaincode/metadata.json";
  static final String CONNECTION = "chaincode/connection.json";

  private ChaincodePackageFiles() {}

  /** {@code metadata.json}. */
  public static String metadata(ChaincodePackage chaincode) {
    ObjectNode root = Documents.object();
    root.put("type", "ccaas");
    root.put("label", chaincode.label());
    return Documents.json(root);
  }

  /** {@code connection.json}, without TLS: the test network's chaincode server is plaintext. */
  public static String connection(ChaincodePackage chaincode) {
    ObjectNode root = Documents.object();
    root.put("address", chaincode.address());
    root.put("dial_timeout", GoDurations.format(chaincode.dialTimeout()));
    root.put("tls_required", false);
    return Documents.json(root);
  }
}
