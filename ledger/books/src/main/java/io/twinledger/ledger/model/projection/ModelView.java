package io.twinledger.ledger.model.projection;

import io.twinledger.finance.model.ModelDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A cash-flow model as the read side sees it: its current version.
 *
 * @param version the current version; pass it back as the expected version of a revision
 * @param assetIds the assets the current version applies to
 * @param retireReason why it was retired, when it was
 */
public record ModelView(
    String modelId,
    int version,
    ModelDefinition definition,
    List<String> assetIds,
    ModelStatus status,
    Optional<String> retireReason,
    Instant definedAt,
    Instant updatedAt) {

  public ModelView {
    assetIds = List.copyOf(assetIds);
  }
}
