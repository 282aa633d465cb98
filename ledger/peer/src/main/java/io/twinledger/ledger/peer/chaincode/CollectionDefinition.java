package io.twinledger.ledger.peer.chaincode;

import java.util.Set;

/**
 * A private data collection of a chaincode: the organisations that hold its data, and whether only
 * clients of those organisations may read or write it (Fabric's {@code memberOnlyRead} and {@code
 * memberOnlyWrite}).
 *
 * @param name the collection name
 * @param memberMspIds the member organisations
 * @param memberOnlyRead whether only members' clients may read
 * @param memberOnlyWrite whether only members' clients may write
 */
public record CollectionDefinition(
    String name, Set<String> memberMspIds, boolean memberOnlyRead, boolean memberOnlyWrite) {

  public CollectionDefinition {
    if (name.isBlank()) {
      throw new IllegalArgumentException("A collection needs a name");
    }
    if (memberMspIds.isEmpty()) {
      throw new IllegalArgumentException("Collection " + name + " needs at least one member");
    }
    memberMspIds = Set.copyOf(memberMspIds);
  }
}
