package io.twinledger.ledger.peer.chaincode;

import io.twinledger.ledger.peer.policy.PrincipalPolicy;
import io.twinledger.network.policy.EndorsementPolicy;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * A chaincode deployed on the channel, as Fabric's chaincode definition describes it: name,
 * version, endorsement policy and private data collections, plus the code itself.
 *
 * <p>The policy may be refined per function-name prefix (for example {@code
 * "AuditAnchorContract:"}); the longest matching prefix wins, and the chaincode-wide policy applies
 * otherwise.
 *
 * @param name the chaincode name (the namespace of its state)
 * @param version the version recorded in chaincode actions
 * @param chaincode the code, typically a {@link ContractChaincode}
 * @param policy the chaincode-wide endorsement policy, over the organisations' peers
 * @param policiesByPrefix policies for functions whose name starts with the key
 * @param collections private data collections by name
 */
public record ChaincodeDefinition(
    String name,
    String version,
    Chaincode chaincode,
    PrincipalPolicy policy,
    Map<String, PrincipalPolicy> policiesByPrefix,
    Map<String, CollectionDefinition> collections) {

  public ChaincodeDefinition {
    if (name.isBlank()) {
      throw new IllegalArgumentException("A chaincode needs a name");
    }
    policiesByPrefix = Map.copyOf(policiesByPrefix);
    collections = Map.copyOf(collections);
  }

  /**
   * A definition with one policy and the given collections; the policy's principals are the
   * organisations' peers, as {@code --signature-policy} names them.
   */
  public static ChaincodeDefinition of(
      String name,
      Chaincode chaincode,
      EndorsementPolicy policy,
      List<CollectionDefinition> collections) {
    return new ChaincodeDefinition(
        name,
        "1.0",
        chaincode,
        PrincipalPolicy.peers(policy),
        Map.of(),
        collections.stream()
            .collect(Collectors.toMap(CollectionDefinition::name, collection -> collection)));
  }

  /** The same definition with a policy for functions starting with {@code prefix}. */
  public ChaincodeDefinition withPolicy(String prefix, PrincipalPolicy prefixPolicy) {
    Map<String, PrincipalPolicy> policies = new HashMap<>(policiesByPrefix);
    policies.put(prefix, prefixPolicy);
    return new ChaincodeDefinition(name, version, chaincode, policy, policies, collections);
  }

  /** The policy that governs {@code function}. */
  public PrincipalPolicy policyFor(String function) {
    return policiesByPrefix.entrySet().stream()
        .filter(entry -> function.startsWith(entry.getKey()))
        .max(Comparator.comparingInt(entry -> entry.getKey().length()))
        .map(Map.Entry::getValue)
        .orElse(policy);
  }

  /** The collection with this name. */
  public Optional<CollectionDefinition> collection(String collectionName) {
    return Optional.ofNullable(collections.get(collectionName));
  }
}
