package io.twinledger.ledger.peer.state;

import com.google.protobuf.ByteString;
import java.util.Optional;

/**
 * A committed private-data entry. The channel's blocks only carry hashes, so an entry is known by
 * its key hash; the plain key and value are present when the peer received them at endorsement
 * (they are missing when the peer restarted between endorsement and commit).
 *
 * @param keyHash SHA-256 of the key's UTF-8 bytes
 * @param key the plain key, when known
 * @param value the plain value, when known
 * @param valueHash SHA-256 of the value, as recorded on the chain
 * @param version the transaction that wrote it
 */
public record PrivateEntry(
    ByteString keyHash,
    Optional<String> key,
    Optional<ByteString> value,
    ByteString valueHash,
    Version version) {}
