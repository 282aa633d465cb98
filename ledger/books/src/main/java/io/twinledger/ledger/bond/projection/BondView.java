package io.twinledger.ledger.bond.projection;

import java.time.Instant;

/**
 * A bond as the read side sees it.
 *
 * @param terms the current terms, canonical JSON
 * @param status {@code DRAFT}, {@code ISSUED} or {@code MATURED}
 * @param registerVersion the version of the register of holders, 0 before any
 * @param totalUnits the units held in all
 */
public record BondView(
    String bondId,
    int version,
    String terms,
    String termsHash,
    String status,
    int registerVersion,
    long totalUnits,
    Instant definedAt,
    Instant updatedAt) {}
