package io.twinledger.ledger.bond.projection;

import java.time.Instant;
import java.util.Optional;

/** One version of a bond's terms. */
public record BondVersionView(
    String bondId,
    int version,
    String terms,
    String termsHash,
    Optional<String> reason,
    Instant recordedAt) {}
