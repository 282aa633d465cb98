package io.twinledger.ledger.bond.api;

/** A bond's terms were revised before issue. */
public record BondRevised(
    String bondId, int version, String terms, String termsHash, String reason) {}
