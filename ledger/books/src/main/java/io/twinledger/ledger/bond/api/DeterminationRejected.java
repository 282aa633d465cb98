package io.twinledger.ledger.bond.api;

/** The trustee refused a determination; it pays nothing and may be proposed again. */
public record DeterminationRejected(
    String bondId, String determinationId, String trustee, String reason) {}
