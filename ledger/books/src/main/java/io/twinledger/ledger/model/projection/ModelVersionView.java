package io.twinledger.ledger.model.projection;

import io.twinledger.finance.model.ModelDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One version of a cash-flow model, kept after later versions replace it.
 *
 * @param reason why this version was made; empty for version 1
 */
public record ModelVersionView(
    String modelId,
    int version,
    ModelDefinition definition,
    List<String> assetIds,
    Optional<String> reason,
    Instant recordedAt) {

  public ModelVersionView {
    assetIds = List.copyOf(assetIds);
  }
}
