package io.twinledger.ledger.peer.state;

import com.google.protobuf.ByteString;
import java.util.Optional;

/**
 * A write of a valid transaction to the public state.
 *
 * @param namespace the chaincode
 * @param key the key
 * @param value the new value; empty for a delete
 * @param version the writing transaction
 */
public record PublicWrite(
    String namespace, String key, Optional<ByteString> value, Version version) {}
