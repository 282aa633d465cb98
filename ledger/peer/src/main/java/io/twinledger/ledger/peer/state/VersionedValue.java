package io.twinledger.ledger.peer.state;

import com.google.protobuf.ByteString;

/** A committed public value and the version that wrote it. */
public record VersionedValue(ByteString value, Version version) {}
