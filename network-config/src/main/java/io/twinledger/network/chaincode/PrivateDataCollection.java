package io.twinledger.network.chaincode;

import io.twinledger.network.policy.AnyOf;
import io.twinledger.network.policy.EndorsementPolicy;
import io.twinledger.network.policy.SignedBy;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A private data collection: data kept on its member organisations' peers only, with just its hash
 * on the channel. Field names and meanings are those of Fabric's {@code collections_config.json}.
 *
 * @param name the collection's name: {@code residentMeterData}
 * @param members the MSP ids whose peers keep the data; never empty
 * @param requiredPeerCount to how many other members' peers an endorsing peer must send the data
 *     before it endorses
 * @param maxPeerCount to how many it sends the data at most
 * @param blockToLive after how many blocks the data is purged; 0 keeps it until deleted
 * @param memberOnlyRead whether only members' clients may read the data
 * @param memberOnlyWrite whether only members' clients may write it
 */
public record PrivateDataCollection(
    String name,
    List<String> members,
    int requiredPeerCount,
    int maxPeerCount,
    long blockToLive,
    boolean memberOnlyRead,
    boolean memberOnlyWrite) {

  /** Fabric's rule for collection names. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9-]+([A-Za-z0-9_-]+)*");

  public PrivateDataCollection {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a collection name must match " + NAME.pattern() + ", was '" + name + "'");
    }
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("collection " + name + " has no member");
    }
    if (members.stream().distinct().count() != members.size()) {
      throw new IllegalArgumentException("collection " + name + " lists a member twice");
    }
    if (requiredPeerCount < 0) {
      throw new IllegalArgumentException(
          "requiredPeerCount must not be negative, was " + requiredPeerCount);
    }
    if (maxPeerCount < requiredPeerCount) {
      throw new IllegalArgumentException(
          "maxPeerCount ("
              + maxPeerCount
              + ") must not be below requiredPeerCount ("
              + requiredPeerCount
              + ")");
    }
    if (blockToLive < 0) {
      throw new IllegalArgumentException("blockToLive must not be negative, was " + blockToLive);
    }
  }

  /**
   * Who may hold the data: any member. Rendered with {@link
   * io.twinledger.network.policy.PrincipalRole#MEMBER} it is the collection's {@code policy}.
   */
  public EndorsementPolicy memberPolicy() {
    return new AnyOf(members.stream().<EndorsementPolicy>map(SignedBy::new).toList());
  }

  public boolean isMember(String mspId) {
    return members.contains(mspId);
  }
}
