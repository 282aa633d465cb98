package io.twinledger.ledger.peer.chaincode;

import io.twinledger.ledger.peer.identity.Creator;
import io.twinledger.ledger.peer.policy.PrincipalPolicy;
import io.twinledger.network.chaincode.ChaincodeDefinition;
import io.twinledger.network.chaincode.PrivateDataCollection;
import io.twinledger.network.policy.PrincipalRole;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * A chaincode deployed on the peer's channel: its definition as {@code network-config} states it
 * (name, contracts, endorsement policy, private data collections), the version recorded in
 * chaincode actions, and the code that runs it.
 *
 * <p>As in Fabric, the endorsement policy is the definition's, for every transaction of the
 * chaincode; its principals are the organisations' peers, as {@code --signature-policy} names them.
 *
 * @param definition the chaincode definition
 * @param version the version recorded in chaincode actions
 * @param chaincode the code, typically a {@link ContractChaincode} of the definition's contracts
 */
public record DeployedChaincode(
    ChaincodeDefinition definition, String version, Chaincode chaincode) {

  public DeployedChaincode {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(chaincode, "chaincode");
    if (version.isBlank()) {
      throw new IllegalArgumentException("Chaincode " + definition.name() + " needs a version");
    }
  }

  /** The definition run by {@code chaincode}, at version 1.0. */
  public static DeployedChaincode of(ChaincodeDefinition definition, Chaincode chaincode) {
    return new DeployedChaincode(definition, "1.0", chaincode);
  }

  /** The chaincode name, which is also the namespace of its state. */
  public String name() {
    return definition.name();
  }

  /** The endorsement policy over the organisations' peers: {@code AND('A.peer','B.peer')}. */
  public PrincipalPolicy endorsement() {
    return PrincipalPolicy.peers(definition.endorsement());
  }

  /** The private data collection with this name. */
  public Optional<PrivateDataCollection> collection(String name) {
    return definition.collections().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * Whether {@code client} is a member of {@code collection}: it satisfies the collection's member
   * policy, {@code OR('A.member','B.member')}, as Fabric checks {@code memberOnlyRead} and {@code
   * memberOnlyWrite}.
   */
  public static boolean isMember(PrivateDataCollection collection, Creator client) {
    return PrincipalPolicy.of(collection.memberPolicy(), PrincipalRole.MEMBER)
        .isSatisfiedBy(List.of(client));
  }
}
