package io.twinledger.ledger.peer.state;

import com.google.protobuf.ByteString;
import java.util.Optional;

/**
 * A write of a valid transaction to a private data collection.
 *
 * @param namespace the chaincode
 * @param collection the collection
 * @param keyHash SHA-256 of the key, from the block
 * @param key the plain key, when the peer holds the private write set
 * @param value the plain value, when the peer holds it; empty for deletes and missing data
 * @param valueHash SHA-256 of the value, from the block; empty for a delete
 * @param version the writing transaction
 */
public record PrivateWrite(
    String namespace,
    String collection,
    ByteString keyHash,
    Optional<String> key,
    Optional<ByteString> value,
    Optional<ByteString> valueHash,
    Version version) {

  /** Whether this write removes the entry. */
  public boolean isDelete() {
    return valueHash.isEmpty();
  }
}
