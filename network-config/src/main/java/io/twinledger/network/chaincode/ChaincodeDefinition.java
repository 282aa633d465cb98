package io.twinledger.network.chaincode;

import io.twinledger.network.policy.EndorsementPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Fabric chaincode definition on one channel: a name (the world-state namespace), the contracts
 * clients reach under it, and the endorsement policy every transaction under it must meet.
 *
 * <p>Fabric checks endorsements per chaincode definition, not per function, so contracts that need
 * different policies get separate definitions. All definitions run the same installed package (one
 * chaincode-as-a-service process hosting every contract); see {@link ChaincodePackage}.
 *
 * @param name the chaincode name clients call: {@code twinledger-anchor}
 * @param contracts the contract names ({@code @Contract(name = ...)}) hosted under it; never empty
 * @param endorsement the policy for transactions of any of its contracts
 * @param collections its private data collections, possibly none
 */
public record ChaincodeDefinition(
    String name,
    List<String> contracts,
    EndorsementPolicy endorsement,
    List<PrivateDataCollection> collections) {

  /** Fabric's rule for chaincode names. */
  public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*");

  /** A contract name, as the Java contract API routes {@code Contract:function}. */
  public static final Pattern CONTRACT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public ChaincodeDefinition {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a chaincode name must match " + NAME.pattern() + ", was '" + name + "'");
    }
    contracts = List.copyOf(contracts);
    if (contracts.isEmpty()) {
      throw new IllegalArgumentException("chaincode " + name + " hosts no contract");
    }
    Set<String> seen = new HashSet<>();
    for (String contract : contracts) {
      if (!CONTRACT.matcher(contract).matches()) {
        throw new IllegalArgumentException(
            "a contract name must match " + CONTRACT.pattern() + ", was '" + contract + "'");
      }
      if (!seen.add(contract)) {
        throw new IllegalArgumentException("chaincode " + name + " lists " + contract + " twice");
      }
    }
    Objects.requireNonNull(endorsement, "endorsement");
    collections = List.copyOf(collections);
    Set<String> collectionNames = new HashSet<>();
    for (PrivateDataCollection collection : collections) {
      if (!collectionNames.add(collection.name())) {
        throw new IllegalArgumentException(
            "chaincode " + name + " defines collection " + collection.name() + " twice");
      }
    }
  }

  public boolean hosts(String contract) {
    return contracts.contains(contract);
  }
}
