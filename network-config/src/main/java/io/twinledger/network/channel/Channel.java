package io.twinledger.network.channel;

import io.twinledger.network.chaincode.ChaincodeDefinition;
import io.twinledger.network.chaincode.PrivateDataCollection;
import io.twinledger.network.policy.EndorsementPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Fabric channel: its own ledger, shared by its member organisations, which see every transaction
 * on it.
 *
 * <p>Invariants: every MSP id a policy or collection names is a member; a contract is hosted by at
 * most one chaincode definition on the channel, so its endorsement policy is unambiguous.
 *
 * @param name the channel name: {@code infra-performance}
 * @param members the MSP ids of its member organisations; never empty
 * @param chaincodes the chaincode definitions committed on it
 */
public record Channel(String name, List<String> members, List<ChaincodeDefinition> chaincodes) {

  /** Fabric's rule for channel names. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9.-]{0,248}");

  public Channel {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a channel name must match " + NAME.pattern() + ", was '" + name + "'");
    }
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("channel " + name + " has no member");
    }
    if (Set.copyOf(members).size() != members.size()) {
      throw new IllegalArgumentException("channel " + name + " lists a member twice");
    }
    chaincodes = List.copyOf(chaincodes);
    Set<String> names = new HashSet<>();
    Set<String> contracts = new HashSet<>();
    for (ChaincodeDefinition chaincode : chaincodes) {
      if (!names.add(chaincode.name())) {
        throw new IllegalArgumentException(
            "channel " + name + " defines chaincode " + chaincode.name() + " twice");
      }
      for (String contract : chaincode.contracts()) {
        if (!contracts.add(contract)) {
          throw new IllegalArgumentException(
              "channel " + name + " hosts contract " + contract + " in two chaincodes");
        }
      }
      for (String mspId : chaincode.endorsement().mspIds()) {
        requireMember(name, members, mspId, "the endorsement policy of " + chaincode.name());
      }
      for (PrivateDataCollection collection : chaincode.collections()) {
        for (String mspId : collection.members()) {
          requireMember(name, members, mspId, "collection " + collection.name());
        }
      }
    }
  }

  public boolean hasMember(String mspId) {
    return members.contains(mspId);
  }

  /** The chaincode definition named {@code name}, if it is on this channel. */
  public Optional<ChaincodeDefinition> chaincode(String name) {
    return chaincodes.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The chaincode definition hosting {@code contract}, if one on this channel does. */
  public Optional<ChaincodeDefinition> chaincodeHosting(String contract) {
    return chaincodes.stream().filter(c -> c.hosts(contract)).findFirst();
  }

  /** The endorsement policy for transactions of {@code contract}, if it is on this channel. */
  public Optional<EndorsementPolicy> endorsementPolicy(String contract) {
    return chaincodeHosting(contract).map(ChaincodeDefinition::endorsement);
  }

  // Static: a compact constructor runs before the fields are assigned.
  private static void requireMember(
      String channel, List<String> members, String mspId, String where) {
    if (!members.contains(mspId)) {
      throw new IllegalArgumentException(
          where + " names " + mspId + ", which is not a member of channel " + channel);
    }
  }
}
