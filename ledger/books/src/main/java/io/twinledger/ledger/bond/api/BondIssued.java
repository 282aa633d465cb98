package io.twinledger.ledger.bond.api;

/** A bond was issued with the terms of {@code version}. */
public record BondIssued(String bondId, int version, String termsHash) {}
