package io.twinledger.ledger.model.api;

/**
 * A cash-flow model was retired at the given version.
 *
 * @param version the model's last version
 */
public record ModelRetired(String modelId, int version, String reason) {}
