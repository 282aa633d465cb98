package io.twinledger.ledger.bond.api;

/** A bond was defined, at version 1. */
public record BondDefined(String bondId, int version, String terms, String termsHash) {}
