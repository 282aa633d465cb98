package io.twinledger.ledger.bond.api;

/** A bond matured: every declared payment was paid, and nothing more can be declared. */
public record BondMatured(String bondId) {}
