package io.twinledger.ledger.audit;

import io.twinledger.contracts.merkle.Sha256;

/**
 * A leaf as a log holds it.
 *
 * @param index the leaf's position in the log, from 0
 * @param hash the stored leaf hash
 * @param leaf the stored leaf data, decoded; {@code leaf.data()} gives the bytes again
 */
public record StoredLeaf(long index, Sha256 hash, AuditLeaf leaf) {}
