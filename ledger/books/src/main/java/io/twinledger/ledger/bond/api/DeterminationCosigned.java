package io.twinledger.ledger.bond.api;

/** The trustee co-signed a determination; its payments may now be declared. */
public record DeterminationCosigned(String bondId, String determinationId, String trustee) {}
